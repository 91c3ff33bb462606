package io.grizz.load.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.grizz.contracts.MessageWriteEncoder;
import java.util.UUID;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class ReadinessProbeTest {

    @Test
    void eachProbesConversationIsOneKafkasPartitionerPlacesOnThePartitionItProbes() {
        for (int partitions : new int[] {1, 4, 6, 32}) {
            for (int partition = 0; partition < partitions; partition++) {
                UUID conversation = ReadinessProbe.conversationOn(partition, partitions);
                assertThat(BuiltInPartitioner.partitionForKey(MessageWriteEncoder.key(conversation), partitions))
                        .as("%s among %d partitions", conversation, partitions)
                        .isEqualTo(partition);
            }
        }
    }
}
