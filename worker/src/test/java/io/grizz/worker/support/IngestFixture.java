package io.grizz.worker.support;

import static org.awaitility.Awaitility.await;

import io.grizz.compose.process.WorkerEnvironment;
import io.grizz.compose.server.KafkaBroker;
import io.grizz.compose.server.KafkaCluster;
import io.grizz.compose.testkit.TestStack;
import io.grizz.compose.testkit.TestStacks;
import io.grizz.contracts.MessageWrite;
import io.grizz.contracts.MessageWriteEncoder;
import io.grizz.worker.GrizzWorkerApplication;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * One test class's world on the shared real stack: its own database, its own topic and consumer
 * group, a producer, a way to read the DLT, and workers started in-process or as child JVMs.
 */
public final class IngestFixture implements AutoCloseable {

    private static final MessageWriteEncoder ENCODER = new MessageWriteEncoder();
    private static final Logger log = LoggerFactory.getLogger(IngestFixture.class);

    private final TestStack stack;
    private final String name;
    private final String database;
    private final String topic;
    private final String kafka;
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<ConfigurableApplicationContext> workers = new ArrayList<>();
    private final List<Sent> unconfirmed = new ArrayList<>();

    /**
     * @param kafka  the bootstrap servers of the test's own Kafka, or null for the shared stack's
     * @param topics how to create a topic on it (name, partitions)
     */
    private IngestFixture(String name, int partitions, String kafka, BiConsumer<String, Integer> topics) {
        this.stack = TestStacks.shared();
        this.name = name + "_" + UUID.randomUUID().toString().substring(0, 8);
        this.database = this.name.toLowerCase();
        this.topic = "writes." + this.name;
        stack.createDatabase(database);
        if (kafka == null) {
            this.kafka = stack.kafkaBootstrapServers();
            stack.createTopic(topic, partitions);
        } else {
            this.kafka = kafka;
            topics.accept(topic, partitions);
        }
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public static IngestFixture create(String name, int partitions) {
        return new IngestFixture(name, partitions, null, null);
    }

    /** A fixture whose topics and workers are on a broker of the test's own, the database on the shared stack. */
    public static IngestFixture create(String name, int partitions, KafkaBroker broker) {
        return new IngestFixture(name, partitions, broker.bootstrapServers(), broker::createTopic);
    }

    /**
     * A fixture whose topics and workers are on a Kafka cluster of the test's own (replication factor 3 on three
     * brokers), the database on the shared stack.
     */
    public static IngestFixture create(String name, int partitions, KafkaCluster cluster) {
        return new IngestFixture(name, partitions, cluster.bootstrapServers(), cluster::createTopic);
    }

    /** The Kafka this fixture's topics are on: the shared stack's, or the test's own broker. */
    public String kafkaBootstrapServers() {
        return kafka;
    }

    /** The consumer group of this fixture's workers. */
    public String consumerGroup() {
        return "grizz-" + name;
    }

    public String topic() {
        return topic;
    }

    public String deadLetterTopic() {
        return topic + ".dlt";
    }

    public TestStack stack() {
        return stack;
    }

    /** Settings a worker of this fixture runs with, as docs/contract.md §6 environment variables. */
    public Map<String, String> environment() {
        return new HashMap<>(new WorkerEnvironment(
                        kafka,
                        stack.jdbcUrl(database),
                        stack.username(),
                        stack.password(),
                        null,
                        "ingest",
                        topic,
                        "grizz-" + name,
                        null)
                .variables());
    }

    /** Starts a worker in this JVM; extra entries are Spring properties. */
    public ConfigurableApplicationContext startWorker(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", stack.jdbcUrl(database));
        properties.put("spring.datasource.username", stack.username());
        properties.put("spring.datasource.password", stack.password());
        properties.put("spring.kafka.bootstrap-servers", kafka);
        properties.put("spring.kafka.consumer.group-id", "grizz-" + name);
        properties.put("grizz.topic", topic);
        properties.put("grizz.roles", "ingest");
        properties.put("server.port", "0");
        properties.putAll(extra);
        // as command-line arguments: they outrank application.yml, as the environment does in production
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GrizzWorkerApplication.class).run(args);
        workers.add(context);
        return context;
    }

    public ConfigurableApplicationContext startWorker() {
        return startWorker(Map.of());
    }

    /** Publishes the events, in order, and returns once the broker has acknowledged every one. */
    public void send(List<MessageWrite> events) {
        for (MessageWrite event : events) {
            sendRaw(event.conversationId().toString(), ENCODER.encode(event));
        }
        flush();
    }

    public void send(MessageWrite... events) {
        send(List.of(events));
    }

    /**
     * Publishes the event with the given record timestamp, as a producer that held it that long, and returns once
     * the broker has acknowledged it.
     */
    public void sendAt(Instant timestamp, MessageWrite event) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                topic,
                null,
                timestamp.toEpochMilli(),
                event.conversationId().toString().getBytes(StandardCharsets.UTF_8),
                ENCODER.encode(event));
        unconfirmed.add(new Sent(record, producer.send(record)));
        flush();
    }

    /**
     * Publishes the events as {@code writers} concurrent writers, as the load harness's burst does: each
     * conversation's events belong to one writer, in their order, and a writer sends its next event only once the
     * broker has acknowledged the one before (sent again when the broker did not take it).
     */
    public void sendByWriters(List<MessageWrite> events, int writers) {
        List<List<MessageWrite>> lanes = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            lanes.add(new ArrayList<>());
        }
        Map<UUID, Integer> laneOf = new LinkedHashMap<>();
        for (MessageWrite event : events) {
            int lane = laneOf.computeIfAbsent(event.conversationId(), id -> laneOf.size() % writers);
            lanes.get(lane).add(event);
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (List<MessageWrite> lane : lanes) {
                running.add(pool.submit(() -> lane.forEach(this::sendAcknowledged)));
            }
            for (Future<?> writer : running) {
                writer.get(5, TimeUnit.MINUTES);
            }
        } catch (Exception e) {
            throw new IllegalStateException("a writer failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private void sendAcknowledged(MessageWrite event) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                topic, event.conversationId().toString().getBytes(StandardCharsets.UTF_8), ENCODER.encode(event));
        for (int attempt = 1; ; attempt++) {
            try {
                producer.send(record).get(60, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                if (attempt == 5) {
                    throw new IllegalStateException("the broker did not take " + event.messageId(), e);
                }
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                log.warn("send of {} failed, sending again: {}", event.messageId(), e.toString());
            }
        }
    }

    /** Publishes one record; {@link #flush()} confirms it. */
    public void sendRaw(String key, byte[] value) {
        sendRaw(null, key, value);
    }

    /** Publishes one record to {@code partition} (null: the partitioner's choice); {@link #flush()} confirms it. */
    public void sendRaw(Integer partition, String key, byte[] value) {
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, partition, keyBytes, value);
        unconfirmed.add(new Sent(record, producer.send(record)));
    }

    /**
     * Returns once the broker has acknowledged every record sent so far. A record it did not take
     * is sent again, as a real producer would: on a starved machine an idempotent producer can
     * fail a whole batch (a broker that missed its heartbeat is fenced for a moment), and a record
     * the test thinks it sent but the topic never got would look like a record the worker lost.
     */
    public void flush() {
        for (int round = 1; !unconfirmed.isEmpty(); round++) {
            producer.flush();
            List<Sent> sent = List.copyOf(unconfirmed);
            unconfirmed.clear();
            List<Sent> failed = new ArrayList<>();
            Throwable cause = null;
            for (Sent s : sent) {
                try {
                    s.future().get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while confirming sent records", e);
                } catch (ExecutionException e) {
                    failed.add(s);
                    cause = e.getCause();
                }
            }
            if (failed.isEmpty()) {
                return;
            }
            if (round == 3) {
                throw new IllegalStateException(
                        "the broker did not take " + failed.size() + " records sent to " + topic + ", three times",
                        cause);
            }
            log.warn(
                    "the broker did not take {} of {} records sent to {} ({}); sending them again",
                    failed.size(),
                    sent.size(),
                    topic,
                    cause.toString());
            for (Sent s : failed) {
                unconfirmed.add(new Sent(s.record(), producer.send(s.record())));
            }
        }
    }

    private record Sent(ProducerRecord<byte[], byte[]> record, Future<RecordMetadata> future) {}

    /**
     * A JdbcTemplate on this fixture's database, straight to PostgreSQL. A new connection per
     * call, so it keeps working across a database restart in the fault tests.
     */
    public JdbcTemplate jdbc() {
        return new JdbcTemplate(
                new DriverManagerDataSource(stack.jdbcUrl(database), stack.username(), stack.password()));
    }

    /**
     * A connection of its own to this fixture's database, straight to PostgreSQL: for a test playing another writer.
     */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(database), stack.username(), stack.password());
    }

    public String database() {
        return database;
    }

    public long count(String sql, Object... args) {
        Long n = jdbc().queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    /** Every record on the dead-letter topic so far (waits until at least {@code expected} are there). */
    public List<ConsumerRecord<byte[], byte[]>> deadLetters(int expected) {
        return read(deadLetterTopic(), expected);
    }

    /** Every record on this fixture's topic so far (waits until at least {@code expected} are there). */
    public List<ConsumerRecord<byte[], byte[]>> records(int expected) {
        return read(topic, expected);
    }

    private List<ConsumerRecord<byte[], byte[]>> read(String topicToRead, int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topicToRead));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            // a little longer, so a test also sees records it did not expect
            consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
        }
        return records;
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Waits until the worker's Flyway migration has created the tables. */
    public void awaitSchema() {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Boolean.TRUE.equals(
                        jdbc().queryForObject("SELECT to_regclass('public.messages') IS NOT NULL", Boolean.class)));
    }

    public void awaitCount(long expected, String sql, Object... args) {
        awaitCount(Duration.ofSeconds(90), expected, sql, args);
    }

    public void awaitCount(Duration atMost, long expected, String sql, Object... args) {
        awaitSchema();
        await().atMost(atMost)
                .ignoreExceptions()
                .pollInterval(Duration.ofMillis(200))
                .until(() -> count(sql, args) == expected);
    }

    public void awaitTrue(Supplier<Boolean> condition) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(condition::get);
    }

    /**
     * What a person debugging a stuck test would look at first: the rows by revision, the
     * consumer group's lag per partition, and the database's sessions with what they wait on.
     */
    public String diagnose() {
        StringBuilder out = new StringBuilder();
        try {
            out.append("messages by revision: ")
                    .append(jdbc().queryForList(
                                    "SELECT revision, count(*) AS n FROM messages GROUP BY revision ORDER BY revision"))
                    .append('\n');
            out.append("sessions: ").append(jdbc().queryForList("""
                    SELECT pid, application_name, state, wait_event_type, wait_event,
                           now() - xact_start AS in_transaction, left(query, 80) AS query
                    FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> pg_backend_pid()""")).append('\n');
        } catch (RuntimeException e) {
            out.append("database: ").append(e).append('\n');
        }
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        try (Admin admin = Admin.create(config)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("grizz-" + name)
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            var group = admin.describeConsumerGroups(List.of("grizz-" + name))
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .get("grizz-" + name);
            var partitions = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            out.append("group ")
                    .append(group.groupState())
                    .append(", members ")
                    .append(group.members().size())
                    .append('\n');
            ends.forEach((tp, end) -> out.append(tp)
                    .append(": committed ")
                    .append(
                            committed.get(tp) == null
                                    ? "none"
                                    : committed.get(tp).offset())
                    .append(", end ")
                    .append(end.offset())
                    .append('\n'));
        } catch (Exception e) {
            out.append("kafka: ").append(e).append('\n');
        }
        return out.toString();
    }

    @Override
    public void close() {
        workers.forEach(ConfigurableApplicationContext::close);
        producer.close();
    }
}
