package io.grizz.load.measure;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A console progress bar for long phases: redrawn in place on a terminal, a plain line every few seconds otherwise
 * (CI logs). Written to stderr so that stdout keeps only the results.
 */
public final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;
    private static final long TERMINAL_REFRESH_MS = 250;
    private static final long LOG_REFRESH_MS = 5_000;

    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean terminal;
    private final AtomicLong done = new AtomicLong();
    private final long startedNanos = System.nanoTime();
    private final Thread renderer;
    private volatile boolean closed;

    private ProgressBar(String label, long total, PrintStream out, boolean terminal) {
        this.label = label;
        this.total = Math.max(1, total);
        this.out = out;
        this.terminal = terminal;
        this.renderer = new Thread(this::renderUntilClosed, "grizz-load-progress");
        this.renderer.setDaemon(true);
    }

    public static ProgressBar start(String label, long total) {
        ProgressBar bar = new ProgressBar(label, total, System.err, System.console() != null);
        bar.renderer.start();
        return bar;
    }

    /** A bar that draws nothing, for tests and nested phases. */
    public static ProgressBar silent(long total) {
        return new ProgressBar("", total, null, false);
    }

    public void advance(long n) {
        done.addAndGet(n);
    }

    /** Sets the absolute count, for progress read from elsewhere (e.g. consumer offsets); never moves back. */
    public void set(long value) {
        done.accumulateAndGet(value, Math::max);
    }

    /** What the bar shows: label, bar, percentage, count, rate, time left. */
    String line() {
        long count = Math.min(done.get(), total);
        double seconds = Math.max(1e-3, (System.nanoTime() - startedNanos) / 1e9);
        double rate = count / seconds;
        int filled = (int) (WIDTH * count / total);
        String eta = rate > 0 && count < total ? String.format(Locale.ROOT, "%.0fs", (total - count) / rate) : "-";
        return String.format(
                Locale.ROOT,
                "%-10s [%s%s] %3d%% %,d/%,d  %,.0f/s  %.0fs elapsed, ETA %s",
                label,
                "#".repeat(filled),
                "-".repeat(WIDTH - filled),
                100 * count / total,
                count,
                total,
                rate,
                seconds,
                eta);
    }

    private void renderUntilClosed() {
        long refresh = terminal ? TERMINAL_REFRESH_MS : LOG_REFRESH_MS;
        while (!closed) {
            try {
                Thread.sleep(refresh);
            } catch (InterruptedException e) {
                return;
            }
            if (!closed) {
                draw(false);
            }
        }
    }

    private synchronized void draw(boolean last) {
        if (out == null) {
            return;
        }
        if (terminal) {
            out.print("\r" + line() + (last ? "\n" : ""));
        } else {
            out.println(line());
        }
        out.flush();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        renderer.interrupt();
        draw(true);
    }
}
