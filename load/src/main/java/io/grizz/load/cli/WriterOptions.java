package io.grizz.load.cli;

import io.grizz.load.workload.EventMix;
import io.grizz.load.workload.EventOrder;
import io.grizz.load.workload.WorkloadSpec;
import picocli.CommandLine.Option;

/** The shape of a generated workload, except its size and mix, whose defaults differ per command. */
public final class WriterOptions {

    @Option(
            names = {"-w", "--writers"},
            defaultValue = "200",
            description = "concurrent writers (default: ${DEFAULT-VALUE})")
    int writers;

    @Option(
            names = "--messages-per-conversation",
            defaultValue = "" + WorkloadSpec.DEFAULT_MESSAGES_PER_CONVERSATION,
            description = "messages per conversation (default: ${DEFAULT-VALUE})")
    int messagesPerConversation;

    @Option(
            names = "--content-bytes",
            defaultValue = "" + WorkloadSpec.DEFAULT_CONTENT_BYTES,
            description = "content length of each message (default: ${DEFAULT-VALUE})")
    int contentBytes;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "seed of the workload's structure (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--order",
            paramLabel = "ORDER",
            defaultValue = "shuffled",
            converter = EventOrderConverter.class,
            description = "shuffled: each writer's events in random order, a prefill writer after writer (a stretch "
                    + "of a partition holds few conversations); round-robin: event i goes to conversation i mod N "
                    + "(default: ${DEFAULT-VALUE})")
    EventOrder order;

    public int writers() {
        return writers;
    }

    public WorkloadSpec spec(int events, EventMix mix) {
        return new WorkloadSpec(events, writers, mix, messagesPerConversation, contentBytes, seed, order);
    }
}
