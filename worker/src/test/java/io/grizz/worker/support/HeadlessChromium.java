package io.grizz.worker.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Headless Chromium (Debian's {@code chromium}), for screenshots of web UIs the tests start. */
public final class HeadlessChromium {

    private static final long TIMEOUT_SECONDS = 90;

    private HeadlessChromium() {}

    /** The browser on the PATH, or null. */
    public static Path binary() {
        return Stream.of("chromium", "chromium-browser", "google-chrome")
                .flatMap(name -> Executables.onPath(name).stream())
                .findFirst()
                .orElse(null);
    }

    /**
     * A PNG of {@code url} as a 1400×900 window shows it, once the page's scripts have had {@code budgetMillis} of
     * virtual time to render; returns the file.
     */
    public static Path screenshot(String url, Path png, int budgetMillis) {
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            Files.deleteIfExists(png);
            Path profile = Files.createTempDirectory("chromium-");
            Process process = new ProcessBuilder(List.of(
                            binary().toString(),
                            "--headless",
                            // as root (CI) Chromium refuses to start sandboxed
                            "--no-sandbox",
                            "--disable-gpu",
                            "--hide-scrollbars",
                            "--user-data-dir=" + profile,
                            "--window-size=1400,900",
                            "--virtual-time-budget=" + budgetMillis,
                            "--screenshot=" + png.toAbsolutePath(),
                            url))
                    .redirectErrorStream(true)
                    .start();
            boolean exited = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!exited || !Files.isRegularFile(png)) {
                throw new IllegalStateException("Chromium made no screenshot of " + url + ":\n" + output);
            }
            return png;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
