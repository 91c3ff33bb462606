package io.grizz.load.kafka;

/**
 * The {@code compression.type} of the harness's producers. The broker keeps each batch as the producer compressed it
 * (the topic's default {@code compression.type=producer}), so the worker's consumer decompresses what it reads: a
 * deployment whose upstream services compress pays for that in the worker, and the harness can too.
 */
public enum Compression {
    none,
    gzip,
    snappy,
    lz4,
    zstd;

    /** As the stack line says it, e.g. "lz4-compressed" or "uncompressed". */
    public String describe() {
        return this == none ? "uncompressed" : name() + "-compressed";
    }
}
