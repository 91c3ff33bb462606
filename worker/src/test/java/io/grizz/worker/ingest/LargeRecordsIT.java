package io.grizz.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.worker.support.Events;
import io.grizz.worker.support.IngestFixture;
import io.grizz.worker.support.WorkerProcess;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A batch has a byte bound (docs/operations.md, "Memory"): 200 records of about 1 MiB of content
 * each, all at once, through a worker at -Xmx512m, are all applied, and nothing runs out of memory.
 */
class LargeRecordsIT {

    private static final int RECORDS = 200;
    private static final int CONTENT_CHARS = 1_000_000;

    @Test
    void twoHundredOneMebibyteRecordsAreAppliedByAWorkerAt512Mebibytes() {
        try (IngestFixture fixture = IngestFixture.create("large_records", 3)) {
            Random random = new Random(3);
            UUID user = UUID.randomUUID();
            for (int i = 0; i < RECORDS; i++) {
                char[] content = new char[CONTENT_CHARS];
                for (int c = 0; c < content.length; c++) {
                    content[c] = (char) ('a' + random.nextInt(26));
                }
                fixture.send(Events.created(UUID.randomUUID(), user, UUID.randomUUID(), 1, new String(content)));
            }
            try (WorkerProcess worker = WorkerProcess.start(fixture.environment(), "-Xmx512m")) {
                fixture.awaitCount(Duration.ofSeconds(180), RECORDS, "SELECT count(*) FROM messages");
                assertThat(fixture.count("SELECT sum(length(content)) FROM messages"))
                        .isEqualTo((long) RECORDS * CONTENT_CHARS);
                assertThat(worker.isAlive()).isTrue();
                assertThat(worker.logText()).doesNotContain("OutOfMemoryError");
                assertThat(fixture.deadLetters(0)).isEmpty();
            }
        }
    }
}
