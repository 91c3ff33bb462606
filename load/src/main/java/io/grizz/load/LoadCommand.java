package io.grizz.load;

/** Placeholder: the load harness is built in its own issue. */
public final class LoadCommand {
    public static void main(String[] args) {
        System.err.println("grizz-load: not built yet");
        System.exit(2);
    }
}
