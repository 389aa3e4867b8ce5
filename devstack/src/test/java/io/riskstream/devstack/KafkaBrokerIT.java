package io.riskstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaBrokerIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void carriesARecordFromProducerToConsumerAndLeavesNoProcessWhenClosed() throws Exception {
        ProcessHandle brokerProcess;
        try (KafkaBroker broker = KafkaBroker.start()) {
            brokerProcess = broker.process().handle();
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic("payments", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("payments", "card-1", "hello")).get(30, TimeUnit.SECONDS);
            }

            assertThat(consumeOne(bootstrap, "payments"))
                    .satisfies(record -> assertThat(record.key()).isEqualTo("card-1"))
                    .satisfies(record -> assertThat(record.value()).isEqualTo("hello"));
        }

        assertThat(brokerProcess.isAlive()).isFalse();
    }

    private static ConsumerRecord<String, String> consumeOne(String bootstrap, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "kafka-broker-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            Instant deadline = Instant.now().plus(DEADLINE);
            while (received.isEmpty() && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
            assertThat(received).as("records on %s within %s", topic, DEADLINE).hasSize(1);
            return received.get(0);
        }
    }
}
