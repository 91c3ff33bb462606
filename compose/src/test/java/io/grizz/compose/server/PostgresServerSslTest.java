package io.grizz.compose.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerSslTest {

    @TempDir
    Path certificates;

    @Test
    void servesSslWithTheGivenCertificate() throws Exception {
        assumeTrue(SelfSignedCertificate.available(), "needs openssl: apt-get install -y openssl");
        SelfSignedCertificate generated = SelfSignedCertificate.generate(certificates);
        Path certificate = generated.certificate();
        Path key = generated.key();

        try (PostgresServer postgres = PostgresServer.start(
                PostgresServer.Options.defaults().fsync(false).ssl(certificate, key))) {
            String base = postgres.jdbcUrl("postgres");
            assertThat(sslUsed(base + "?sslmode=require")).isTrue();
            assertThat(sslUsed(base + "?sslmode=verify-full&sslrootcert=" + certificate))
                    .isTrue();
            assertThat(sslUsed(base + "?sslmode=disable")).isFalse();
        }
    }

    private static boolean sslUsed(String url) throws SQLException {
        try (Connection connection = PostgresServerTest.connect(url);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }
}
