package io.grizz.load.cli;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Run ids like {@code 20250101-120000-3f9a}: sortable by time, unique enough for one machine, and made of characters
 * that fit anywhere they are used (topic names, database names, JSON, file names).
 */
public final class RunIds {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunIds() {}

    public static String next() {
        return LocalDateTime.now().format(FORMAT) + "-"
                + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }
}
