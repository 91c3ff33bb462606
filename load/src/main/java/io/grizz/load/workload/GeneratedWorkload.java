package io.grizz.load.workload;

import io.grizz.contracts.EventType;
import io.grizz.contracts.MessageWrite;
import io.grizz.contracts.MessageWriteEncoder;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A synthetic chat workload: messages grouped into conversations, conversations owned by writers, each writer's
 * events a random interleaving of its messages' events, or round-robin over its conversations (see
 * {@link EventOrder}). Each message starts with a created event (revision 1); its updates follow with revisions 2, 3,
 * …; a deleted one ends with the delete at the next revision.
 *
 * <p>Only the structure is stored (which message each writer sends next); events are built and encoded while
 * sending, so a run of millions of events needs a few bytes per event, and the {@code occurred_at} of each is its
 * real send time.
 */
public final class GeneratedWorkload implements Workload {

    private static final MessageWriteEncoder ENCODER = new MessageWriteEncoder();

    private final WorkloadSpec spec;
    private final String runId;
    private final UUID[] messageIds;
    private final int[] messageConversation;
    private final UUID[] conversationIds;
    private final UUID[] conversationUsers;
    private final int[] eventCounts;
    private final boolean[] endsDeleted;
    private final long[] finalSeqs;
    private final int[][] scripts;
    private final long[] firstSeqs;
    private final ExpectedState expected;

    private GeneratedWorkload(
            WorkloadSpec spec,
            String runId,
            UUID[] messageIds,
            int[] messageConversation,
            UUID[] conversationIds,
            UUID[] conversationUsers,
            int[] eventCounts,
            boolean[] endsDeleted,
            long[] finalSeqs,
            int[][] scripts,
            long[] firstSeqs) {
        this.spec = spec;
        this.runId = runId;
        this.messageIds = messageIds;
        this.messageConversation = messageConversation;
        this.conversationIds = conversationIds;
        this.conversationUsers = conversationUsers;
        this.eventCounts = eventCounts;
        this.endsDeleted = endsDeleted;
        this.finalSeqs = finalSeqs;
        this.scripts = scripts;
        this.firstSeqs = firstSeqs;
        this.expected = new ExpectedState(messageIds, eventCounts, endsDeleted, finalSeqs);
    }

    /** Lays out a workload; {@code runId} goes into every event's metadata. */
    public static GeneratedWorkload generate(WorkloadSpec spec, String runId) {
        Random structure = new Random(spec.seed());
        SplittableRandom ids = new SplittableRandom(new SecureRandom().nextLong());
        EventMix.Counts counts = spec.mix().counts(spec.events());
        int messages = counts.messages();

        int conversations = Math.max(Math.min(spec.writers(), messages), (int)
                Math.ceil(messages / (double) spec.messagesPerConversation()));
        UUID[] conversationIds = new UUID[conversations];
        UUID[] conversationUsers = new UUID[conversations];
        for (int c = 0; c < conversations; c++) {
            conversationIds[c] = RandomUuids.next(ids);
            conversationUsers[c] = RandomUuids.next(ids);
        }

        UUID[] messageIds = new UUID[messages];
        int[] messageConversation = new int[messages];
        int[] eventCounts = new int[messages];
        for (int m = 0; m < messages; m++) {
            messageIds[m] = RandomUuids.next(ids);
            messageConversation[m] = m % conversations;
            eventCounts[m] = 1;
        }
        for (int u = 0; u < counts.updates(); u++) {
            eventCounts[structure.nextInt(messages)]++;
        }
        boolean[] endsDeleted = new boolean[messages];
        int[] order = shuffledIndices(messages, structure);
        for (int d = 0; d < counts.deletes(); d++) {
            endsDeleted[order[d]] = true;
            eventCounts[order[d]]++;
        }

        int[][] scripts = spec.order() == EventOrder.ROUND_ROBIN
                ? roundRobinScripts(spec.writers(), conversations, messageConversation, eventCounts)
                : scripts(spec.writers(), conversations, messageConversation, eventCounts, structure);
        long[] firstSeqs = new long[scripts.length];
        long[] finalSeqs = new long[messages];
        long seq = 0;
        for (int w = 0; w < scripts.length; w++) {
            firstSeqs[w] = seq;
            for (int message : scripts[w]) {
                finalSeqs[message] = seq++;
            }
        }
        return new GeneratedWorkload(
                spec,
                runId,
                messageIds,
                messageConversation,
                conversationIds,
                conversationUsers,
                eventCounts,
                endsDeleted,
                finalSeqs,
                scripts,
                firstSeqs);
    }

    /**
     * Conversation c belongs to writer c mod W. A writer's script lists a message once per event of it; shuffled,
     * the k-th occurrence of a message is its k-th event, so every message keeps its own order whatever the shuffle.
     */
    private static int[][] scripts(
            int writers, int conversations, int[] messageConversation, int[] eventCounts, Random random) {
        int[] lengths = new int[writers];
        for (int m = 0; m < messageConversation.length; m++) {
            lengths[messageConversation[m] % writers] += eventCounts[m];
        }
        int[][] scripts = new int[writers][];
        for (int w = 0; w < writers; w++) {
            scripts[w] = new int[lengths[w]];
        }
        int[] filled = new int[writers];
        for (int m = 0; m < messageConversation.length; m++) {
            int w = messageConversation[m] % writers;
            for (int e = 0; e < eventCounts[m]; e++) {
                scripts[w][filled[w]++] = m;
            }
        }
        for (int[] script : scripts) {
            shuffle(script, random);
        }
        return scripts;
    }

    /**
     * Conversation c belongs to writer c mod W, as above; each writer goes round its conversations in ascending
     * order, one event of each per round, and a conversation's events keep message order (a message's events stay
     * together). With a prefill taking one event of each writer in turn, event i goes to conversation i mod N.
     */
    private static int[][] roundRobinScripts(
            int writers, int conversations, int[] messageConversation, int[] eventCounts) {
        int[] conversationLengths = new int[conversations];
        for (int m = 0; m < messageConversation.length; m++) {
            conversationLengths[messageConversation[m]] += eventCounts[m];
        }
        int[][] byConversation = new int[conversations][];
        for (int c = 0; c < conversations; c++) {
            byConversation[c] = new int[conversationLengths[c]];
        }
        int[] filled = new int[conversations];
        for (int m = 0; m < messageConversation.length; m++) {
            int c = messageConversation[m];
            for (int e = 0; e < eventCounts[m]; e++) {
                byConversation[c][filled[c]++] = m;
            }
        }
        int[][] scripts = new int[writers][];
        for (int w = 0; w < writers; w++) {
            int length = 0;
            int longest = 0;
            for (int c = w; c < conversations; c += writers) {
                length += byConversation[c].length;
                longest = Math.max(longest, byConversation[c].length);
            }
            int[] script = new int[length];
            int position = 0;
            for (int round = 0; round < longest; round++) {
                for (int c = w; c < conversations; c += writers) {
                    if (round < byConversation[c].length) {
                        script[position++] = byConversation[c][round];
                    }
                }
            }
            scripts[w] = script;
        }
        return scripts;
    }

    private static int[] shuffledIndices(int n, Random random) {
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        shuffle(indices, random);
        return indices;
    }

    private static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    @Override
    public int writers() {
        return scripts.length;
    }

    @Override
    public int events() {
        return spec.events();
    }

    @Override
    public EventStream[] streams() {
        int[] revisionsSent = new int[messageIds.length];
        EventStream[] streams = new EventStream[scripts.length];
        for (int w = 0; w < scripts.length; w++) {
            streams[w] = new Stream(w, revisionsSent);
        }
        return streams;
    }

    @Override
    public ExpectedState expected() {
        return expected;
    }

    @Override
    public boolean prefillInTurns() {
        return spec.order() == EventOrder.ROUND_ROBIN;
    }

    @Override
    public String order() {
        return spec.order() == EventOrder.ROUND_ROBIN
                ? "round-robin over conversations"
                : "shuffled per writer, prefilled writer after writer";
    }

    @Override
    public String describe() {
        return spec.events() + " events (" + spec.mix().percentages() + ") on " + messageIds.length + " messages in "
                + conversationIds.length + " conversations, " + spec.writers() + " writers";
    }

    public WorkloadSpec spec() {
        return spec;
    }

    public String runId() {
        return runId;
    }

    /** The events writer {@code writer} sends, as message numbers in sending order. */
    int[] script(int writer) {
        return scripts[writer];
    }

    public UUID conversationId(int message) {
        return conversationIds[messageConversation[message]];
    }

    public UUID userId(int message) {
        return conversationUsers[messageConversation[message]];
    }

    public int conversations() {
        return conversationIds.length;
    }

    /** The writer that sends the events of {@code message}. */
    public int writerOf(int message) {
        return messageConversation[message] % scripts.length;
    }

    /**
     * One writer's events. The revision counters are shared by all streams of one run, each message touched only by
     * its own writer's thread; a thread reading them after the run must join the writers first.
     */
    private final class Stream implements EventStream {

        private final int writer;
        private final int[] revisionsSent;
        private int position;

        Stream(int writer, int[] revisionsSent) {
            this.writer = writer;
            this.revisionsSent = revisionsSent;
        }

        @Override
        public boolean hasNext() {
            return position < scripts[writer].length;
        }

        @Override
        public int remaining() {
            return scripts[writer].length - position;
        }

        @Override
        public OutgoingEvent next(Instant sendTime) {
            int message = scripts[writer][position];
            long seq = firstSeqs[writer] + position;
            position++;
            int revision = ++revisionsSent[message];
            EventType type = revision == 1
                    ? EventType.CREATED
                    : revision == eventCounts[message] && endsDeleted[message] ? EventType.DELETED : EventType.UPDATED;
            UUID conversation = conversationId(message);
            MessageWrite event = new MessageWrite(
                    RandomUuids.next(ThreadLocalRandom.current()),
                    type,
                    sendTime,
                    messageIds[message],
                    conversation,
                    userId(message),
                    revision,
                    EventContent.role(message),
                    EventContent.text(message, revision, spec.contentBytes()),
                    EventContent.metadata(runId, seq, writer));
            return new OutgoingEvent(message, seq, MessageWriteEncoder.key(conversation), ENCODER.encode(event));
        }
    }
}
