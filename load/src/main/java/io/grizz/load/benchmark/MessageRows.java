package io.grizz.load.benchmark;

import io.grizz.load.workload.EventContent;
import io.grizz.load.workload.ExpectedState;
import io.grizz.load.workload.GeneratedWorkload;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The rows a generated workload leaves in {@code messages}: each message at its final write, with the content and
 * metadata the worker stores for it. What {@code ceiling} and {@code direct} write, so that all three commands of
 * {@code compare} move the same data.
 */
public final class MessageRows {

    private final GeneratedWorkload workload;
    private final OffsetDateTime time = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);

    public MessageRows(GeneratedWorkload workload) {
        this.workload = workload;
    }

    public int count() {
        return workload.expected().messages();
    }

    public MessageRow row(int message) {
        ExpectedState expected = workload.expected();
        boolean deleted = expected.deleted(message);
        int revision = expected.revision(message);
        return new MessageRow(
                expected.messageId(message),
                workload.conversationId(message),
                workload.userId(message),
                EventContent.role(message).wireName(),
                deleted
                        ? null
                        : EventContent.text(message, revision, workload.spec().contentBytes()),
                deleted
                        ? null
                        : EventContent.metadata(
                                workload.runId(), expected.finalSeq(message), workload.writerOf(message)),
                revision,
                time,
                time,
                deleted ? time : null);
    }
}
