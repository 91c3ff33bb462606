package io.grizz.load.workload;

/**
 * The shape of a generated workload.
 *
 * @param events                   how many events in all
 * @param writers                  concurrent writers; each owns whole conversations
 * @param mix                      created / updated / deleted shares
 * @param messagesPerConversation  how many messages a conversation gets (fewer when that would leave writers idle)
 * @param contentBytes             the length of each message's content (ASCII, so bytes = characters)
 * @param seed                     makes the structure (which message, which writer, which order) reproducible;
 *                                 ids are fresh every time, so runs never collide in a shared database
 * @param order                    the order the events go out in
 */
public record WorkloadSpec(
        int events,
        int writers,
        EventMix mix,
        int messagesPerConversation,
        int contentBytes,
        long seed,
        EventOrder order) {

    public static final int DEFAULT_MESSAGES_PER_CONVERSATION = 10;
    /** With the JSON envelope, about the 600-byte record of the Kafka figure. */
    public static final int DEFAULT_CONTENT_BYTES = 300;

    public WorkloadSpec {
        if (events < 1) {
            throw new IllegalArgumentException("events must be at least 1, was " + events);
        }
        if (writers < 1) {
            throw new IllegalArgumentException("writers must be at least 1, was " + writers);
        }
        if (messagesPerConversation < 1) {
            throw new IllegalArgumentException(
                    "messages per conversation must be at least 1, was " + messagesPerConversation);
        }
        if (contentBytes < 0) {
            throw new IllegalArgumentException("content bytes must not be negative, was " + contentBytes);
        }
        if (order == null) {
            throw new IllegalArgumentException("order must be given");
        }
    }

    /** In the harness's usual order, {@link EventOrder#SHUFFLED}. */
    public WorkloadSpec(
            int events, int writers, EventMix mix, int messagesPerConversation, int contentBytes, long seed) {
        this(events, writers, mix, messagesPerConversation, contentBytes, seed, EventOrder.SHUFFLED);
    }
}
