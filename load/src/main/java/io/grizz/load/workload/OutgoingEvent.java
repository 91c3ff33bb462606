package io.grizz.load.workload;

/**
 * One event ready for Kafka.
 *
 * @param messageIndex the message it writes, an index into {@link ExpectedState}
 * @param seq          the run-wide sequence number that names this event in the oracle's findings
 * @param key          the record key: the conversation id (docs/contract.md §3)
 * @param value        the record value: the v1 JSON event
 */
public record OutgoingEvent(int messageIndex, long seq, byte[] key, byte[] value) {}
