package io.riskstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertPathBuilderException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLHandshakeException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
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

    @Test
    void securedBrokerTakesTlsOnlyAndKnowsAClientByItsCertificateOrItsScramLogin() throws Exception {
        try (KafkaBroker broker = KafkaBroker.startSecured()) {
            try (Admin admin = Admin.create(broker.adminConfig())) {
                admin.createTopics(List.of(new NewTopic("payments", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
                admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("scram-writer",
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), "writer-secret"))).all()
                        .get(30, TimeUnit.SECONDS);
                admin.createAcls(List.of(allowWrite("cert-writer"), allowWrite("scram-writer"))).all()
                        .get(30, TimeUnit.SECONDS);
            }

            send(broker.mutualTlsConfig("cert-writer"), "by certificate");
            send(broker.clientConfig("scram-writer", "writer-secret"), "by scram");
            assertThatThrownBy(() -> send(broker.mutualTlsConfig("cert-stranger"), "no acl"))
                    .hasRootCauseInstanceOf(TopicAuthorizationException.class);
            Map<String, Object> plaintext = new HashMap<>(broker.clientConfig("scram-writer", "writer-secret"));
            plaintext.put("security.protocol", "SASL_PLAINTEXT");
            assertThatThrownBy(() -> send(plaintext, "in the clear")).isInstanceOf(ExecutionException.class);
            Map<String, Object> certificateless = new HashMap<>(broker.mutualTlsConfig("cert-writer"));
            certificateless.keySet().removeIf(key -> key.startsWith("ssl.keystore"));
            assertThatThrownBy(() -> send(certificateless, "no certificate"))
                    .hasRootCauseInstanceOf(SSLHandshakeException.class);
            Map<String, Object> trustingNothing = new HashMap<>(broker.clientConfig("scram-writer", "writer-secret"));
            trustingNothing.keySet().removeIf(key -> key.startsWith("ssl.truststore"));
            assertThatThrownBy(() -> send(trustingNothing, "unverified broker"))
                    .hasRootCauseInstanceOf(CertPathBuilderException.class);
        }
    }

    private static AclBinding allowWrite(String principal) {
        return new AclBinding(new ResourcePattern(ResourceType.TOPIC, "payments", PatternType.LITERAL),
                new AccessControlEntry("User:" + principal, "*", AclOperation.WRITE, AclPermissionType.ALLOW));
    }

    /** Sends {@code value}; a refusal (authentication or authorization) throws within a few seconds. */
    private static void send(Map<String, Object> config, String value) throws Exception {
        Map<String, Object> producer = new HashMap<>(config);
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (KafkaProducer<String, String> client = new KafkaProducer<>(producer, new StringSerializer(),
                new StringSerializer())) {
            client.send(new ProducerRecord<>("payments", "card-1", value)).get(30, TimeUnit.SECONDS);
        }
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
