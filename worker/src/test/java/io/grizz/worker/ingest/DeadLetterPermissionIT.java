package io.grizz.worker.ingest;

import static io.grizz.worker.support.IngestFixture.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grizz.compose.server.KafkaBroker;
import io.grizz.compose.testkit.TestStacks;
import io.grizz.worker.support.Drill;
import io.grizz.worker.support.Events;
import io.grizz.worker.support.HealthProbe;
import io.grizz.worker.support.IngestFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * docs/contract.md §3, dead letters: a missing permission on the dead-letter topic is an outage,
 * not a refusal of the record. On a broker of its own with an authorizer
 * ({@code StandardAuthorizer}, everything allowed where no ACL says otherwise), the worker's
 * principal is denied WRITE on the dead-letter topic by a DENY ACL: nothing is committed past the
 * bad record, readiness turns DOWN, the records behind it wait; once the ACL is deleted, the dead
 * letter arrives with its value, everything behind it is applied, and readiness is UP again.
 */
class DeadLetterPermissionIT {

    private static final String PRINCIPAL = "User:ANONYMOUS";

    @Test
    void aDeadLetterTopicThatDeniesWriteHoldsThePartitionUntilThePermissionIsBack() throws Exception {
        assumeTrue(
                TestStacks.shared().localKafka().isPresent(),
                "starts a Kafka broker of its own with an authorizer: needs the local stack");
        KafkaBroker.Options options = KafkaBroker.Options.defaults()
                .property("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .property("allow.everyone.if.no.acl.found", "true");
        try (KafkaBroker broker = KafkaBroker.start(options);
                IngestFixture fixture = IngestFixture.create("dlt_denied", 1, broker);
                Admin admin = Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.kafkaBootstrapServers()))) {
            ConfigurableApplicationContext worker = fixture.startWorker();
            HealthProbe health = new HealthProbe(worker);
            UUID conversation = UUID.randomUUID();
            UUID user = UUID.randomUUID();
            UUID before = UUID.randomUUID();
            fixture.send(Events.created(conversation, user, before, 1, "before the bad record"));
            fixture.awaitCount(1, "SELECT count(*) FROM messages WHERE id = ?", before);
            health.await("readiness", "UP", Duration.ofSeconds(30));

            // everything on the dead-letter topic allowed but WRITE: the DENY wins over the ALLOW
            ResourcePattern dlt =
                    new ResourcePattern(ResourceType.TOPIC, fixture.deadLetterTopic(), PatternType.LITERAL);
            AclBinding allowAll = new AclBinding(
                    dlt, new AccessControlEntry(PRINCIPAL, "*", AclOperation.ALL, AclPermissionType.ALLOW));
            AclBinding denyWrite = new AclBinding(
                    dlt, new AccessControlEntry(PRINCIPAL, "*", AclOperation.WRITE, AclPermissionType.DENY));
            admin.createAcls(List.of(allowAll, denyWrite)).all().get();
            fixture.awaitTrue(() -> acls(admin).size() == 2);

            long badOffset = endOffset(admin, fixture.topic());
            byte[] bad = "{not json".getBytes(StandardCharsets.UTF_8);
            fixture.sendRaw(conversation.toString(), bad);
            UUID behind = UUID.randomUUID();
            fixture.send(Events.created(conversation, user, behind, 1, "behind the bad record"));

            health.await("readiness", "DOWN", Duration.ofSeconds(30));
            UUID whileDenied = UUID.randomUUID();
            fixture.send(Events.created(conversation, user, whileDenied, 1, "sent while WRITE is denied"));
            Drill.sleep(Duration.ofSeconds(5));
            assertThat(committed(admin, fixture))
                    .as("nothing committed past the bad record")
                    .isLessThanOrEqualTo(badOffset);
            assertThat(fixture.count("SELECT count(*) FROM messages WHERE id = ?", whileDenied))
                    .as("the partition waits behind the bad record")
                    .isZero();
            assertThat(endOffset(admin, fixture.deadLetterTopic())).isZero();
            assertThat(health.is("readiness", "DOWN")).isTrue();

            admin.deleteAcls(List.of(denyWrite.toFilter())).all().get();

            List<ConsumerRecord<byte[], byte[]>> deadLetters = fixture.deadLetters(1);
            assertThat(deadLetters).singleElement().satisfies(deadLetter -> {
                assertThat(deadLetter.value())
                        .as("a permission is no reason to drop the value")
                        .isEqualTo(bad);
                assertThat(header(deadLetter, "dlt-reason")).isEqualTo("malformed");
                assertThat(header(deadLetter, "dlt-value-omitted")).isNull();
            });
            fixture.awaitCount(
                    Duration.ofSeconds(60), 2, "SELECT count(*) FROM messages WHERE id IN (?, ?)", behind, whileDenied);
            health.await("readiness", "UP", Duration.ofSeconds(60));
            fixture.awaitTrue(() -> committed(admin, fixture) == endOffset(admin, fixture.topic()));
        }
    }

    private static List<AclBinding> acls(Admin admin) {
        return List.copyOf(get(admin.describeAcls(AclBindingFilter.ANY).values()));
    }

    private static long endOffset(Admin admin, String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        return get(admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all())
                .get(partition)
                .offset();
    }

    /** The group's committed offset of the source's partition 0; 0 when none. */
    private static long committed(Admin admin, IngestFixture fixture) {
        OffsetAndMetadata offset = get(admin.listConsumerGroupOffsets(fixture.consumerGroup())
                        .partitionsToOffsetAndMetadata())
                .get(new TopicPartition(fixture.topic(), 0));
        return offset == null ? 0 : offset.offset();
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }
}
