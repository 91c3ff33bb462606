package io.grizz.contracts;

/**
 * The facts on the wire that producers, the worker, the redrive, dev mode and the load harness
 * share (docs/contract.md §3, §5, §6): named here once, imported everywhere else.
 */
public final class Wire {

    /** The source topic when {@code GRIZZ_TOPIC} is not set. */
    public static final String DEFAULT_TOPIC = "message-writes.v1";

    /**
     * The consumer group when {@code GRIZZ_CONSUMER_GROUP} is not set; application.yml spells it again (YAML cannot
     * name a constant), and ConfigurationDefaultsTest holds the two together.
     */
    public static final String DEFAULT_CONSUMER_GROUP = "grizz-persist";

    /** A topic's dead letters go to the topic of this name plus this suffix. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    /** The scope of a read-API token that reads every user's data (a service's). */
    public static final String SERVICE_SCOPE = "messages:read:all";

    /**
     * The largest record the worker's own producers send with its value (dead letters, a redrive):
     * records as large as a consumer accepts, which a producer may have compressed.
     */
    public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    private Wire() {}

    /** {@code <topic>.dlt}. */
    public static String deadLetterTopic(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
