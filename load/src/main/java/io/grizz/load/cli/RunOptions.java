package io.grizz.load.cli;

import picocli.CommandLine.Mixin;

/** The options of every command that writes: where it runs, how its writers behave, what it reports. */
public final class RunOptions {

    @Mixin
    public StackOptions stack;

    @Mixin
    public WriterOptions writers;

    @Mixin
    public ReportOptions reports;
}
