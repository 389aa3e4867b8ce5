package io.riskstream.load;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.admin.ListOffsetsOptions;

/** The harness's admin view of the broker: topics it creates, waits for, and offsets it reads. */
final class Cluster implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final Admin admin;

    Cluster(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    void create(String topic, int partitions) throws ExecutionException, InterruptedException {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }

    /** The partitions of {@code topic} once it exists (the app creates its outputs as it starts). */
    List<TopicPartition> awaitTopic(String topic, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                        .partitions().size();
                return partitions(topic, partitions);
            } catch (ExecutionException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(topic + " did not appear within " + timeout.toSeconds() + " s");
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    static List<TopicPartition> partitions(String topic, int count) {
        return IntStream.range(0, count).mapToObj(p -> new TopicPartition(topic, p)).toList();
    }

    /** The last stable offsets: what a read_committed reader (or a group's commits) can reach. */
    Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions) throws ExecutionException,
            InterruptedException {
        ListOffsetsResult result = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())),
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED));
        return result.all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** The offsets {@code group} has committed on {@code partitions}, 0 where it has none yet. */
    Map<TopicPartition, Long> committed(String group, Set<TopicPartition> partitions) throws ExecutionException,
            InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        return partitions.stream().collect(Collectors.toMap(p -> p,
                p -> offsets.get(p) == null ? 0L : offsets.get(p).offset()));
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
