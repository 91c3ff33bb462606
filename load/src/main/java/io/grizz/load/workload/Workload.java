package io.grizz.load.workload;

/**
 * Events to publish, split among concurrent writers, and the database state they must leave.
 *
 * <p>Each conversation belongs to exactly one writer, which sends its events in order: so each conversation's order
 * is kept from the writer to Kafka (one key, one partition) and on to the worker.
 */
public interface Workload {

    /** How many writers share the events; some may have none when there are fewer conversations. */
    int writers();

    /** How many events all writers send together. */
    int events();

    /** A fresh stream of each writer's events: each call starts a new run from the first event. */
    EventStream[] streams();

    /** The last applied write of every message, as docs/contract.md §3 decides it. */
    ExpectedState expected();

    /**
     * Whether one sender of every writer's events (a prefill) takes one event of each writer in turn rather than all
     * of one writer's events before the next one's.
     */
    default boolean prefillInTurns() {
        return false;
    }

    /** The order of the events in a few words, for the report's stack line. */
    String order();

    /** One line for consoles and reports, e.g. "10000 events (70 % created, …), 200 writers". */
    String describe();
}
