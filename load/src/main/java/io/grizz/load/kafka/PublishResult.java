package io.grizz.load.kafka;

/**
 * What a publisher did.
 *
 * @param sent             events acknowledged by the broker
 * @param firstSendMicros  epoch microseconds of the first send
 * @param lastAckMicros    epoch microseconds of the last acknowledgement
 * @param failure          the first send that failed, or null; then the run cannot be judged
 */
public record PublishResult(long sent, long firstSendMicros, long lastAckMicros, String failure) {

    public boolean failed() {
        return failure != null;
    }

    /** Acknowledged events per second, first send to last acknowledgement. */
    public double ratePerSecond() {
        long micros = Math.max(1, lastAckMicros - firstSendMicros);
        return sent * 1_000_000.0 / micros;
    }
}
