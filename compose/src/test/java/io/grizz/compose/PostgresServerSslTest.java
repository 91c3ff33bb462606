package io.grizz.compose;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PostgresServerSslTest {

    @TempDir
    Path certificates;

    @Test
    void servesSslWithTheGivenCertificate() throws Exception {
        Path certificate = certificates.resolve("server.crt");
        Path key = certificates.resolve("server.key");
        selfSign(certificate, key);

        try (PostgresServer postgres = PostgresServer.start(PostgresServer.Options.defaults().fsync(false).ssl(certificate, key))) {
            String base = postgres.jdbcUrl("postgres");
            assertThat(sslUsed(base + "?sslmode=require")).isTrue();
            assertThat(sslUsed(base + "?sslmode=verify-full&sslrootcert=" + certificate)).isTrue();
            assertThat(sslUsed(base + "?sslmode=disable")).isFalse();
        }
    }

    private static boolean sslUsed(String url) throws SQLException {
        try (Connection connection = PostgresServerTest.connect(url); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    private static void selfSign(Path certificate, Path key) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "needs openssl: apt-get install -y openssl");
        Process openssl = new ProcessBuilder("/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", certificate.toString(), "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1")
                .redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes());
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS) && openssl.exitValue() == 0).as(output).isTrue();
    }
}
