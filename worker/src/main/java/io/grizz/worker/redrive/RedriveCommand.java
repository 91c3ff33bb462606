package io.grizz.worker.redrive;

import io.grizz.contracts.Wire;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar grizz-worker.jar redrive ...}: puts dead letters back on the topic they came
 * from, once whatever made them fail is fixed. Runs without Spring — it needs only Kafka — so it
 * starts in a second and cannot touch the database or join the worker's consumer group.
 */
@Command(
        name = "redrive",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Re-publishes records from <topic>.dlt to the topic they came from (header kafka_dlt-original-topic,"
                    + " else --topic): same key and value, original headers without the dead-letter ones.",
            "Reads the DLT from the beginning (or --from-offset) up to its end at start, and commits nothing.",
            "Connects as the worker does: KAFKA_BOOTSTRAP_SERVERS, and Spring Boot's spring.kafka.* settings from"
                    + " the environment or -D (SPRING_KAFKA_SECURITY_PROTOCOL, SPRING_KAFKA_PROPERTIES_SASL_*, TLS).",
            "Each goes back to the partition it came from (kafka_dlt-original-partition) while the topic has it.",
            "Dead letters sent without their value (dlt-value-omitted) are left where they are, counted by reason.",
            "A record that fails again is dead-lettered again; one that was applied meanwhile is a no-op."
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:done (or nothing matched)",
            "1:failed (topic missing, broker unreachable, a send failed)",
            "2:invalid arguments"
        })
public final class RedriveCommand implements Callable<Integer> {

    /** Kafka's clients log through logback; without Spring it would print their DEBUG lines to stdout. */
    @Spec
    private CommandSpec spec;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT,...",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS}",
            description = "Kafka brokers (default: $KAFKA_BOOTSTRAP_SERVERS)")
    private String bootstrapServers;

    @Option(
            names = "--topic",
            paramLabel = "TOPIC",
            defaultValue = "${env:GRIZZ_TOPIC:-" + Wire.DEFAULT_TOPIC + "}",
            description =
                    "source topic; its dead letters are on TOPIC.dlt (default: $GRIZZ_TOPIC, else ${DEFAULT-VALUE})")
    private String topic;

    @Option(
            names = "--reason",
            paramLabel = "CODE",
            split = ",",
            description = "the dead letters with this dlt-reason (repeatable or comma-separated); this or --all-reasons"
                    + " is required")
    private List<String> reasons = new ArrayList<>();

    @Option(names = "--all-reasons", description = "every dead letter, whatever its reason (instead of --reason)")
    private boolean allReasons;

    @Option(names = "--partition", paramLabel = "P", description = "only this DLT partition (default: all)")
    private Integer partition;

    @Option(names = "--from-offset", paramLabel = "N", description = "first DLT offset to take, inclusive")
    private Long fromOffset;

    @Option(names = "--to-offset", paramLabel = "M", description = "last DLT offset to take, inclusive")
    private Long toOffset;

    @Option(names = "--dry-run", description = "list what would be sent (never the values) and send nothing")
    private boolean dryRun;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "show this help and exit")
    private boolean help;

    @Override
    public Integer call() {
        RedriveFilter filter = filter();
        String deadLetterTopic = Wire.deadLetterTopic(topic);
        PrintWriter out = spec.commandLine().getOut();
        out.println((dryRun ? "dry run, nothing will be sent. " : "") + "reading " + deadLetterTopic + " " + range());
        Counts counts = new Counts();
        // no producer at all in a dry run, so it cannot send by mistake
        KafkaClientSettings kafka = KafkaClientSettings.fromEnvironment();
        try (DeadLetterReader reader = new DeadLetterReader(kafka.consumer(bootstrapServers), deadLetterTopic);
                Republisher republisher = dryRun ? null : new Republisher(kafka.producer(bootstrapServers))) {
            Map<Integer, Long> stops = reader.read(filter, letter -> {
                counts.read++;
                if (!filter.accepts(letter)) {
                    return;
                }
                counts.matched++;
                if (letter.omitted()) {
                    // only its key, headers and size are left: nothing a worker could apply
                    out.println(letter.describe() + " kept: sent to the DLT without its value, it cannot be applied");
                    counts.omitted.merge(letter.reason(), 1, Integer::sum);
                    return;
                }
                String target = letter.originalTopic().orElse(topic);
                counts.targets.add(target);
                if (republisher == null) {
                    out.println(letter.describe() + " -> " + target
                            + letter.originalPartition()
                                    .map(p -> " partition " + p)
                                    .orElse(""));
                } else {
                    int sentTo = republisher.send(letter, target);
                    out.println(letter.describe() + " -> " + target
                            + (sentTo < 0 ? " (partition of its key)" : " partition " + sentTo));
                }
            });
            String outcome = republisher == null
                    ? "dry run: nothing sent"
                    : republisher.finish() + " sent to " + String.join(", ", counts.targets)
                            + ", acknowledged by all replicas";
            out.println(counts.matched + " of " + counts.read + " dead letters read matched; " + outcome);
            if (!counts.omitted.isEmpty()) {
                out.println("left where they are, without their value: "
                        + counts.omitted.entrySet().stream()
                                .map(e -> e.getValue() + " " + e.getKey())
                                .collect(Collectors.joining(", ")));
            }
            out.println("read up to (exclusive) "
                    + stops.entrySet().stream()
                            .map(e -> "partition " + e.getKey() + " offset " + e.getValue())
                            .collect(Collectors.joining(", "))
                    + " (to skip them next time: --partition P --from-offset N)");
            out.flush();
            return CommandLine.ExitCode.OK;
        } catch (RedriveException | KafkaException e) {
            out.flush();
            spec.commandLine().getErr().println("redrive failed: " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        }
    }

    private RedriveFilter filter() {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new ParameterException(
                    spec.commandLine(), "--bootstrap-servers (or KAFKA_BOOTSTRAP_SERVERS) is required");
        }
        // a redrive sends records back into production: which ones must be said, never a default of all
        if (reasons.isEmpty() == !allReasons) {
            throw new ParameterException(
                    spec.commandLine(),
                    allReasons
                            ? "--reason and --all-reasons exclude each other"
                            : "say which dead letters to redrive: --reason CODE[,CODE...] "
                                    + "(e.g. --reason rejected_by_database)"
                                    + " or --all-reasons");
        }
        try {
            return new RedriveFilter(Set.copyOf(reasons), partition, fromOffset, toOffset);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private String range() {
        return (partition == null ? "all partitions" : "partition " + partition)
                + ", offsets " + (fromOffset == null ? "beginning" : fromOffset)
                + ".." + (toOffset == null ? "end at start" : toOffset)
                + ", reasons " + (reasons.isEmpty() ? "all" : String.join(",", new TreeSet<>(reasons)));
    }

    private static final class Counts {
        int read;
        int matched;
        final Set<String> targets = new TreeSet<>();
        final Map<String, Integer> omitted = new TreeMap<>();
    }
}
