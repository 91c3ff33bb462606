package io.grizz.worker.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grizz.compose.server.PostgresServer;
import io.grizz.compose.server.SelfSignedCertificate;
import io.grizz.worker.support.IngestFixture;
import io.grizz.worker.support.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The worker over SSL to a PostgreSQL with a certificate the test made: encrypted, and verified for verify-full. */
class SslIT {

    @TempDir
    static Path certificates;

    @ParameterizedTest
    @ValueSource(strings = {"require", "verify-full"})
    void theWorkerWritesOverSsl(String sslMode) {
        assumeTrue(SelfSignedCertificate.available(), "needs openssl: apt-get install -y openssl");
        SelfSignedCertificate cert = SelfSignedCertificate.generate(certificates);
        try (PostgresServer postgres = PostgresServer.start(
                        PostgresServer.Options.defaults().fsync(false).ssl(cert.certificate(), cert.key()));
                IngestFixture fixture = IngestFixture.create("ssl", 1)) {
            postgres.createDatabase("grizz");
            String url = postgres.jdbcUrl("grizz") + "?sslmode=" + sslMode + "&sslrootcert=" + cert.certificate();
            fixture.startWorker(Map.of(
                    "spring.datasource.url",
                    url,
                    "spring.datasource.username",
                    postgres.username(),
                    "spring.datasource.password",
                    postgres.password()));
            Workload workload = Workload.of(50, 2, 5);
            fixture.send(workload.events());

            JdbcTemplate jdbc = new JdbcTemplate(
                    new DriverManagerDataSource(postgres.jdbcUrl("grizz"), postgres.username(), postgres.password()));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (count(jdbc) < workload.messageCount() && System.nanoTime() < deadline) {
                sleep();
            }
            workload.assertExactlyStoredIn(jdbc);
            Boolean allSsl = jdbc.queryForObject("""
                    SELECT bool_and(s.ssl) AND count(*) > 0 FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
                     WHERE a.application_name = 'grizz-worker'""", Boolean.class);
            assertThat(allSsl).as("every worker connection is encrypted").isTrue();
        }
    }

    private static long count(JdbcTemplate jdbc) {
        try {
            Long n = jdbc.queryForObject("SELECT count(*) FROM messages WHERE revision = 5", Long.class);
            return n == null ? 0 : n;
        } catch (RuntimeException notMigratedYet) {
            return 0;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
