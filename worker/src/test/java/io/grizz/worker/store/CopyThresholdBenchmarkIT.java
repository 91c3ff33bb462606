package io.grizz.worker.store;

import io.grizz.compose.testkit.TestStack;
import io.grizz.compose.testkit.TestStacks;
import io.grizz.contracts.EventType;
import io.grizz.contracts.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What chose {@link BatchWrite#COPY_MIN_ROWS}: batches of new messages (one conversation per
 * ten) written the worker's way, read and lock, then write, then commit, with the messages inserted
 * from arrays or copied, at several batch sizes. It prints PostgreSQL's CPU per batch and per row
 * (the backend's own, from /proc, so the server must run on this machine) and the client's time
 * per batch. Run by hand: {@code -Dgrizz.benchmark=true -Dit.test=CopyThresholdBenchmarkIT}.
 */
@EnabledIfSystemProperty(named = "grizz.benchmark", matches = "true")
class CopyThresholdBenchmarkIT {

    private static final int[] SIZES = {1, 16, 32, 64, 128, 256, 1024};
    private static final long ENOUGH_ROWS = 20_000;
    private static final long ENOUGH_BATCHES = 400;
    private static final long MIN_NANOS = 1_500_000_000L;

    @Test
    void insertAgainstCopyByBatchSize() throws Exception {
        TestStack stack = TestStacks.shared();
        String url = stack.createDatabase("copy_threshold");
        Flyway.configure()
                .dataSource(url, stack.username(), stack.password())
                .load()
                .migrate();
        Properties properties = new Properties();
        properties.setProperty("user", stack.username());
        properties.setProperty("password", stack.password());
        properties.setProperty("binaryTransferEnable", Integer.toString(UuidArray.OID));
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            connection.setAutoCommit(false);
            int backend = backendPid(connection);
            System.out.printf(
                    "%6s %-6s %9s %12s %12s %14s%n",
                    "batch", "way", "batches", "pg µs/batch", "pg µs/row", "client µs/batch");
            for (int size : SIZES) {
                for (String way : List.of("insert", "copy")) {
                    int threshold = way.equals("copy") ? 1 : Integer.MAX_VALUE;
                    run(connection, size, threshold, 20); // warm-up: plans, JIT
                    double cpuBefore = cpuSeconds(backend);
                    long start = System.nanoTime();
                    long rows = 0;
                    int batches = 0;
                    while ((rows < ENOUGH_ROWS && batches < ENOUGH_BATCHES) || System.nanoTime() - start < MIN_NANOS) {
                        run(connection, size, threshold, 1);
                        rows += size;
                        batches++;
                    }
                    double nanos = System.nanoTime() - start;
                    double cpu = cpuSeconds(backend) - cpuBefore;
                    System.out.printf(
                            "%6d %-6s %9d %12.1f %12.2f %14.1f%n",
                            size, way, batches, cpu * 1e6 / batches, cpu * 1e6 / rows, nanos / 1e3 / batches);
                }
            }
        }
    }

    private static void run(Connection connection, int size, int copyMinRows, int batches) throws SQLException {
        for (int b = 0; b < batches; b++) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            List<ConversationRow> conversations = new ArrayList<>();
            List<MessageRow> messages = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                if (i % 10 == 0) {
                    conversations.add(new ConversationRow(UUID.randomUUID(), UUID.randomUUID(), now, now));
                }
                ConversationRow conversation = conversations.get(conversations.size() - 1);
                messages.add(new MessageRow(
                        UUID.randomUUID(),
                        EventType.CREATED,
                        UUID.randomUUID(),
                        conversation.id(),
                        conversation.userId(),
                        Role.USER,
                        "x".repeat(300),
                        "{\"load_run\":\"bench\",\"seq\":" + i + ",\"writer\":7}",
                        1,
                        now,
                        now,
                        null));
            }
            LockingRead.StoredState stored = LockingRead.readAndLock(
                    connection,
                    "30000ms",
                    conversations.stream().map(ConversationRow::id).toArray(UUID[]::new),
                    messages.stream().map(MessageRow::id).toArray(UUID[]::new));
            BatchWrite.write(connection, stored, conversations, messages, copyMinRows);
            connection.commit();
        }
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            int pid = rows.getInt(1);
            connection.commit();
            return pid;
        }
    }

    /** User plus system time of the backend, from /proc/PID/stat (fields 14 and 15, in 1/100 s). */
    private static double cpuSeconds(int pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }
}
