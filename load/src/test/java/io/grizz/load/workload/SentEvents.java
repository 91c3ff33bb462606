package io.grizz.load.workload;

import io.grizz.contracts.DecodeResult;
import io.grizz.contracts.MessageWrite;
import io.grizz.contracts.MessageWriteDecoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Drains a workload's streams the way writers would, decoding every record with the worker's own decoder. */
final class SentEvents {

    record Sent(int writer, OutgoingEvent outgoing, MessageWrite event) {}

    private SentEvents() {}

    /** Each writer's events in sending order, writer after writer. */
    static List<List<Sent>> perWriter(Workload workload) {
        MessageWriteDecoder decoder = new MessageWriteDecoder();
        List<List<Sent>> writers = new ArrayList<>();
        EventStream[] streams = workload.streams();
        for (int w = 0; w < streams.length; w++) {
            List<Sent> sent = new ArrayList<>();
            while (streams[w].hasNext()) {
                OutgoingEvent outgoing = streams[w].next(Instant.now());
                DecodeResult decoded = decoder.decode(outgoing.key(), outgoing.value());
                if (!decoded.isValid()) {
                    throw new AssertionError("not a valid v1 record: " + decoded.rejection());
                }
                sent.add(new Sent(w, outgoing, decoded.event()));
            }
            writers.add(sent);
        }
        return writers;
    }

    static List<Sent> all(Workload workload) {
        return perWriter(workload).stream().flatMap(List::stream).toList();
    }
}
