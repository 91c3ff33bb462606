package io.grizz.worker.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.event.ConsumerFailedToStartEvent;
import org.springframework.kafka.event.ConsumerStartingEvent;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.event.ListenerContainerIdleEvent;

/**
 * Whether each ingest consumer is alive, from the container's events and the listener's calls.
 * spring-kafka publishes these on the consumer's own thread, so a consumer is its thread.
 *
 * <ul>
 * <li>Stalled: no poll finished for longer than the threshold. A poll loop shows it is alive by
 * calling the listener (records) or publishing an idle event (no records, every few seconds).
 * A batch blocked on a lock, or a thread that died without a word, stops both.</li>
 * <li>Stopped: its container stopped it. Readiness DOWN while it is stopped.</li>
 * <li>Not begun: no consumer has started within the start window of the instance (the starter
 * waits for its topic, a permission, the dead-letter topic). Readiness DOWN, naming what it waits
 * for: no consumer must not read as healthy.</li>
 * <li>Stopped for good: stopped by an {@code Error}, a fatal authorization or fencing failure, a
 * missing offset reset, or it never started. Nothing in the process will restart it, so
 * liveness goes DOWN and the orchestrator replaces the instance.</li>
 * </ul>
 */
public class IngestConsumers {

    private static final Logger log = LoggerFactory.getLogger(IngestConsumers.class);
    private static final Set<ConsumerStoppedEvent.Reason> FOR_GOOD = Set.of(
            ConsumerStoppedEvent.Reason.ERROR,
            ConsumerStoppedEvent.Reason.AUTH,
            ConsumerStoppedEvent.Reason.FENCED,
            ConsumerStoppedEvent.Reason.NO_OFFSET,
            ConsumerStoppedEvent.Reason.ABNORMAL);

    private final Duration stallThreshold;
    private final Duration startWindow;
    private final LongSupplier nanoTime;
    private final long createdAt;
    private final Map<String, ConsumerState> consumers = new ConcurrentHashMap<>();
    private volatile String failedToStart;
    private volatile String waitingFor = "the consumers to start";

    /**
     * @param startWindow from now, how long the consumers may take to begin before the instance is
     *                    not ready
     */
    public IngestConsumers(Duration stallThreshold, Duration startWindow, LongSupplier nanoTime) {
        this.stallThreshold = stallThreshold;
        this.startWindow = startWindow;
        this.nanoTime = nanoTime;
        this.createdAt = nanoTime.getAsLong();
    }

    /** With the default start window. */
    public IngestConsumers(Duration stallThreshold, LongSupplier nanoTime) {
        this(stallThreshold, DurationStyle.detectAndParse(IngestProperties.DEFAULT_START_WINDOW), nanoTime);
    }

    /** What the start-up waits for before the consumers can begin, e.g. "topic X: it does not exist yet". */
    public void waitingFor(String what) {
        waitingFor = what;
    }

    /** True once the start window has passed without a consumer having begun. */
    public boolean notBegunInTime() {
        return consumers.isEmpty() && nanoTime.getAsLong() - createdAt > startWindow.toNanos();
    }

    public Duration startWindow() {
        return startWindow;
    }

    /** The current thread's consumer is alive: it finished a poll and is working on (or done with) its records. */
    public void alive() {
        current().lastAlive = nanoTime.getAsLong();
    }

    @EventListener
    public void onStarting(ConsumerStartingEvent event) {
        // a container started again runs a new thread: its old one is history, not a stopped consumer
        Object container = event.getSource();
        consumers.values().removeIf(state -> state.container == container);
        ConsumerState state = current();
        state.container = container;
        state.stopped = null;
        state.lastAlive = nanoTime.getAsLong();
    }

    @EventListener
    public void onIdle(ListenerContainerIdleEvent event) {
        alive();
    }

    @EventListener
    public void onStopped(ConsumerStoppedEvent event) {
        current().stopped = event.getReason();
        if (FOR_GOOD.contains(event.getReason())) {
            log.error(
                    "ingest consumer {} stopped for good ({}): liveness DOWN",
                    Thread.currentThread().getName(),
                    event.getReason());
        } else {
            log.info("ingest consumer {} stopped ({})", Thread.currentThread().getName(), event.getReason());
        }
    }

    @EventListener
    public void onFailedToStart(ConsumerFailedToStartEvent event) {
        failedToStart = String.valueOf(event.getSource());
        log.error("an ingest consumer failed to start ({}): liveness DOWN", failedToStart);
    }

    /** Problems that make the instance not ready: consumer thread → what is wrong. Empty when all are well. */
    public Map<String, String> notReady() {
        Map<String, String> problems = new TreeMap<>(notAlive());
        long now = nanoTime.getAsLong();
        if (notBegunInTime()) {
            problems.put(
                    "ingest",
                    "not consuming " + Duration.ofNanos(now - createdAt).toSeconds() + " s after start: waiting for "
                            + waitingFor);
        }
        consumers.forEach((thread, state) -> {
            if (state.stopped != null) {
                problems.putIfAbsent(thread, "stopped (" + state.stopped + ")");
            } else if (now - state.lastAlive > stallThreshold.toNanos()) {
                problems.put(
                        thread,
                        "stalled: no poll finished for "
                                + Duration.ofNanos(now - state.lastAlive).toSeconds() + " s");
            }
        });
        return problems;
    }

    /** Problems that nothing in this process will fix: consumer → what is wrong. Empty when none. */
    public Map<String, String> notAlive() {
        Map<String, String> problems = new TreeMap<>();
        consumers.forEach((thread, state) -> {
            if (state.stopped != null && FOR_GOOD.contains(state.stopped)) {
                problems.put(thread, "stopped for good (" + state.stopped + ")");
            }
        });
        if (failedToStart != null) {
            problems.put("container", "failed to start: " + failedToStart);
        }
        return problems;
    }

    /** The consumers seen so far, thread → running or stopped. */
    public Map<String, String> consumers() {
        Map<String, String> all = new TreeMap<>();
        consumers.forEach((thread, state) ->
                all.put(thread, state.stopped == null ? "running" : "stopped (" + state.stopped + ")"));
        return all;
    }

    private ConsumerState current() {
        return consumers.computeIfAbsent(
                Thread.currentThread().getName(), name -> new ConsumerState(nanoTime.getAsLong()));
    }

    private static final class ConsumerState {
        volatile Object container;
        volatile long lastAlive;
        volatile ConsumerStoppedEvent.Reason stopped;

        ConsumerState(long now) {
            this.lastAlive = now;
        }
    }
}
