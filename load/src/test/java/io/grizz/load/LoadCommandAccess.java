package io.grizz.load;

/** Runs the command line as {@code java -jar grizz-load.jar} would, without exiting the test JVM. */
public final class LoadCommandAccess {

    private LoadCommandAccess() {}

    public static int run(String... args) {
        return LoadCommand.commandLine().execute(args);
    }
}
