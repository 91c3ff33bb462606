package io.grizz.load.workload;

import io.grizz.contracts.DecodeResult;
import io.grizz.contracts.MessageWrite;
import io.grizz.contracts.MessageWriteDecoder;
import io.grizz.contracts.MessageWriteEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON-lines file of v1 events (one record value per line, as {@code burst --record} writes it), replayed by
 * concurrent writers. Conversations are dealt out to writers in order of first appearance; each writer sends its
 * conversations' lines in file order, so every conversation's order is the file's. The values are sent unchanged;
 * an event's sequence number is its line number.
 *
 * <p>The expected final state follows docs/contract.md §3 applied to the file's order: a write applies when its
 * revision is
 * higher than the last applied one, and nothing applies after a delete.
 */
public final class ReplayWorkload implements Workload {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;
    private final List<byte[]> values;
    private final List<byte[]> keys;
    private final int[] lineMessage;
    private final long[] lineNumbers;
    private final int[][] writerLines;
    private final ExpectedState expected;

    private ReplayWorkload(
            Path file,
            List<byte[]> values,
            List<byte[]> keys,
            int[] lineMessage,
            long[] lineNumbers,
            int[][] writerLines,
            ExpectedState expected) {
        this.file = file;
        this.values = values;
        this.keys = keys;
        this.lineMessage = lineMessage;
        this.lineNumbers = lineNumbers;
        this.writerLines = writerLines;
        this.expected = expected;
    }

    /** Reads and validates every line; an invalid one stops the replay before anything is sent. */
    public static ReplayWorkload read(Path file, int writers) {
        if (writers < 1) {
            throw new IllegalArgumentException("writers must be at least 1, was " + writers);
        }
        List<byte[]> lines = readLines(file);
        MessageWriteDecoder decoder = new MessageWriteDecoder();
        List<byte[]> values = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        List<MessageWrite> events = new ArrayList<>();
        List<Long> lineNumbers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            byte[] value = lines.get(i);
            if (value.length == 0) {
                continue;
            }
            byte[] key = MessageWriteEncoder.key(conversationIdOf(value, file, i + 1));
            DecodeResult decoded = decoder.decode(key, value);
            if (!decoded.isValid()) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + " is not a valid v1 event: "
                        + decoded.rejection().detail() + " ("
                        + decoded.rejection().reason().code() + ")");
            }
            values.add(value);
            keys.add(key);
            events.add(decoded.event());
            lineNumbers.add((long) (i + 1));
        }
        if (events.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no events");
        }

        Map<UUID, Integer> messages = new HashMap<>();
        Map<UUID, Integer> conversations = new HashMap<>();
        int[] lineMessage = new int[events.size()];
        List<List<Integer>> perWriter = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            perWriter.add(new ArrayList<>());
        }
        for (int i = 0; i < events.size(); i++) {
            MessageWrite event = events.get(i);
            lineMessage[i] = messages.computeIfAbsent(event.messageId(), id -> messages.size());
            int conversation = conversations.computeIfAbsent(event.conversationId(), id -> conversations.size());
            perWriter.get(conversation % writers).add(i);
        }
        int[][] writerLines = perWriter.stream()
                .map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
        long[] numbers = lineNumbers.stream().mapToLong(Long::longValue).toArray();
        return new ReplayWorkload(
                file,
                values,
                keys,
                lineMessage,
                numbers,
                writerLines,
                expectedState(events, lineMessage, messages, numbers));
    }

    private static ExpectedState expectedState(
            List<MessageWrite> events, int[] lineMessage, Map<UUID, Integer> messages, long[] lineNumbers) {
        int n = messages.size();
        UUID[] ids = new UUID[n];
        messages.forEach((id, index) -> ids[index] = id);
        int[] revisions = new int[n];
        boolean[] deleted = new boolean[n];
        long[] finalSeqs = new long[n];
        for (int i = 0; i < events.size(); i++) {
            int m = lineMessage[i];
            MessageWrite event = events.get(i);
            if (!deleted[m] && event.revision() > revisions[m]) {
                revisions[m] = event.revision();
                deleted[m] = event.isDelete();
                finalSeqs[m] = lineNumbers[i];
            }
        }
        return new ExpectedState(ids, revisions, deleted, finalSeqs);
    }

    private static List<byte[]> readLines(Path file) {
        try {
            List<byte[]> lines = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lines.add(line.strip().getBytes(StandardCharsets.UTF_8));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** The record key must be the conversation id, so it is read before the event is validated as a whole. */
    private static UUID conversationIdOf(byte[] value, Path file, int line) {
        try {
            JsonNode node = JSON.readTree(value);
            return UUID.fromString(node.path("conversation_id").asString(""));
        } catch (JacksonException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " line " + line + " is not a v1 event with a conversation_id");
        }
    }

    @Override
    public int writers() {
        return writerLines.length;
    }

    @Override
    public int events() {
        return values.size();
    }

    @Override
    public EventStream[] streams() {
        EventStream[] streams = new EventStream[writerLines.length];
        for (int w = 0; w < writerLines.length; w++) {
            int[] lines = writerLines[w];
            streams[w] = new EventStream() {
                private int position;

                @Override
                public boolean hasNext() {
                    return position < lines.length;
                }

                @Override
                public int remaining() {
                    return lines.length - position;
                }

                @Override
                public OutgoingEvent next(Instant sendTime) {
                    int line = lines[position++];
                    return new OutgoingEvent(lineMessage[line], lineNumbers[line], keys.get(line), values.get(line));
                }
            };
        }
        return streams;
    }

    @Override
    public ExpectedState expected() {
        return expected;
    }

    @Override
    public String order() {
        return "the file's order per conversation";
    }

    @Override
    public String describe() {
        return values.size() + " events of " + expected.messages() + " messages from " + file + ", "
                + writerLines.length + " writers";
    }
}
