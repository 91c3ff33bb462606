package io.grizz.load.commands;

import io.grizz.load.kafka.Compression;
import io.grizz.load.workload.Workload;

/**
 * The report's stack line for the commands that publish: the servers, and how the events reached Kafka. Both move the
 * worker's figures (the consumer decompresses what the producer compressed; the order decides how many conversations
 * one batch touches), so a figure is never read without them.
 */
final class StackLine {

    private StackLine() {}

    /** @param servers the servers' own line, e.g. {@link io.grizz.load.stack.LocalServers#toString()} */
    static String of(String servers, Compression compression, Workload workload) {
        return servers + "; events " + compression.describe() + ", " + workload.order();
    }
}
