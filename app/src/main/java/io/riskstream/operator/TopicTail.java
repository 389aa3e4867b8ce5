package io.riskstream.operator;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.riskstream.platform.KafkaClients;

/**
 * {@code tail <topic>}: prints a topic's records as JSON lines ({@link RecordJson}), read_committed, without a
 * consumer group (it commits nothing and disturbs no one): the last {@code --last} records of each partition, or
 * all of them with {@code --from-beginning}, then, with {@code --follow}, new ones as they come until stopped.
 */
final class TopicTail {

    private static final Duration POLL = Duration.ofMillis(500);
    /** With nothing read for this long, a tail that does not follow stops even short of the end it saw. */
    private static final Duration QUIET = Duration.ofSeconds(10);

    private final KafkaClients kafka;
    private final RecordJson json;

    TopicTail(KafkaClients kafka, RecordJson json) {
        this.kafka = kafka;
        this.json = json;
    }

    /** Prints to {@code out}; returns how many records it printed. */
    long run(String topic, boolean fromBeginning, long last, boolean follow, PrintStream out) {
        Map<String, Object> config = new HashMap<>(kafka.consumer());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "riskstream-tail");
        long printed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalArgumentException("no topic " + topic);
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            for (TopicPartition partition : partitions) {
                long start = fromBeginning ? begin.get(partition) : Math.max(begin.get(partition),
                        end.get(partition) - last);
                consumer.seek(partition, start);
            }
            Instant quietSince = Instant.now();
            while (true) {
                var records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    quietSince = Instant.now();
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    out.println(RecordJson.line(json.of(record)));
                    printed++;
                }
                if (!follow && (reachedEnd(consumer, end)
                        || Duration.between(quietSince, Instant.now()).compareTo(QUIET) > 0)) {
                    break;
                }
            }
            out.flush();
        }
        return printed;
    }

    /** Whether every partition was read up to where it ended when the tail began. */
    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(partition -> consumer.position(partition.getKey())
                >= partition.getValue());
    }
}
