package io.grizz.compose.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away server certificate for 127.0.0.1 (also its subject alternative name, so
 * {@code sslmode=verify-full} can check it), made with the {@code openssl} command line tool.
 */
public record SelfSignedCertificate(Path certificate, Path key) {

    private static final Path OPENSSL = Path.of("/usr/bin/openssl");

    public static boolean available() {
        return Files.isExecutable(OPENSSL);
    }

    /** Writes {@code server.crt} and {@code server.key} into {@code directory}. */
    public static SelfSignedCertificate generate(Path directory) {
        Path certificate = directory.resolve("server.crt");
        Path key = directory.resolve("server.key");
        try {
            Process openssl = new ProcessBuilder(
                            OPENSSL.toString(),
                            "req",
                            "-x509",
                            "-newkey",
                            "rsa:2048",
                            "-nodes",
                            "-keyout",
                            key.toString(),
                            "-out",
                            certificate.toString(),
                            "-days",
                            "1",
                            "-subj",
                            "/CN=127.0.0.1",
                            "-addext",
                            "subjectAltName=IP:127.0.0.1")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
                throw new IllegalStateException("openssl could not make a certificate: " + output);
            }
            return new SelfSignedCertificate(certificate, key);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + OPENSSL + " (apt-get install -y openssl)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
