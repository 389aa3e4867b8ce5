package io.riskstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.riskstream.events.FraudDecision;
import io.riskstream.events.LoginEvent;
import io.riskstream.events.MultiCountryAlert;
import io.riskstream.events.Transaction;
import io.riskstream.platform.DeadLetters;
import io.riskstream.platform.TestClients;
import io.riskstream.platform.TestRegistry;
import io.riskstream.platform.TestUsers;
import io.riskstream.platform.Topics;

/**
 * The whole path through real parts: an embedded KRaft broker, a real Apicurio Registry, the app's
 * streams. Producers and consumers are what other teams would run: Apicurio serdes, read_committed.
 */
class EndToEndIT extends RealInfrastructureIT {

    static final Duration TIMEOUT = Duration.ofSeconds(90);

    @LocalServerPort
    int port;

    @Test
    void transactionSentThroughTheRegistryGetsOneDecisionWithReasonsAndVersion() {
        Transaction tx = transaction("card-e2e-1", 2500);
        try (KafkaProducer<String, Object> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.TRANSACTIONS.name(), tx.getCardId(), tx));
        }

        FraudDecision decision = decisionOf(tx.getTransactionId());
        assertThat(decision.getCardId()).isEqualTo("card-e2e-1");
        assertThat(decision.getDecision()).isIn("APPROVE", "REVIEW", "DECLINE");
        assertThat(decision.getReasons()).isNotEmpty();
        assertThat(decision.getRulesetVersion()).isPositive();
    }

    @Test
    void recordThatIsNotAvroLandsInTheDeadLetterTopicAndTheStreamKeepsScoring() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> raw = TestClients.rawProducer(bootstrap())) {
            raw.send(new ProducerRecord<>(Topics.TRANSACTIONS.name(), null, "card-e2e-2", garbage,
                    new RecordHeaders().add("trace-id", "t-42".getBytes(StandardCharsets.UTF_8))));
        }
        Transaction next = transaction("card-e2e-2", 1200);
        try (KafkaProducer<String, Object> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.TRANSACTIONS.name(), next.getCardId(), next));
        }

        ConsumerRecord<String, byte[]> letter = deadLetter(record -> record.key().equals("card-e2e-2"));
        assertThat(letter.value()).isEqualTo(garbage);
        assertThat(header(letter, "trace-id")).isEqualTo("t-42");
        assertThat(header(letter, DeadLetters.TOPIC_HEADER)).isEqualTo("transactions");
        assertThat(header(letter, DeadLetters.PARTITION_HEADER)).matches("\\d+");
        assertThat(header(letter, DeadLetters.OFFSET_HEADER)).matches("\\d+");
        assertThat(header(letter, DeadLetters.ERROR_CLASS_HEADER)).isNotBlank();
        assertThat(header(letter, DeadLetters.REASON_HEADER)).isNotBlank();
        assertThat(decisionOf(next.getTransactionId()).getCardId()).isEqualTo("card-e2e-2");
    }

    @Test
    void invalidTransactionInTheDeadLetterTopicStaysDecodableWithItsOriginalHeaders() {
        Transaction negative = Transaction.newBuilder(transaction("card-e2e-3", 100)).setAmountMinor(-100).build();
        try (KafkaProducer<String, Object> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.TRANSACTIONS.name(), negative.getCardId(), negative));
        }

        ConsumerRecord<String, byte[]> letter = deadLetter(record -> record.key().equals("card-e2e-3"));
        assertThat(header(letter, DeadLetters.REASON_HEADER)).contains("negative");
        Object decoded = TestClients.avroDeserializer(TestRegistry.url())
                .deserialize(Topics.TRANSACTIONS.name(), letter.headers(), letter.value());
        assertThat(decoded).isEqualTo(negative);
    }

    @Test
    void userLoggingInFromFourCountriesRaisesOneAlert() {
        Instant start = Instant.now().minusSeconds(60);
        try (KafkaProducer<String, Object> producer = producer()) {
            List<String> countries = List.of("DE", "FR", "IT", "ES");
            for (int i = 0; i < countries.size(); i++) {
                LoginEvent login = LoginEvent.newBuilder().setUserId("user-e2e").setCountry(countries.get(i))
                        .setSuccess(true).setEventTime(start.plusSeconds(10L * i)).build();
                producer.send(new ProducerRecord<>(Topics.LOGINS.name(), login.getUserId(), login));
            }
        }

        try (KafkaConsumer<String, Object> consumer = TestClients.avroConsumer(bootstrap(), TestRegistry.url(),
                Topics.LOGIN_ALERTS.name())) {
            MultiCountryAlert alert = (MultiCountryAlert) TestClients.readUntil(consumer,
                    read -> read.stream().anyMatch(r -> r.key().equals("user-e2e")), TIMEOUT).stream()
                    .filter(r -> r.key().equals("user-e2e")).findFirst().orElseThrow().value();
            assertThat(alert.getCountries()).containsExactly("DE", "ES", "FR", "IT");
            assertThat(alert.getRuleId()).isEqualTo("multi-country-session");
        }
    }

    @Test
    void healthIsUpAndShowsTheStreams() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                        .header("Authorization", TestUsers.operator()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("riskstream-fraud")
                .contains("riskstream-logins");
    }

    private FraudDecision decisionOf(String transactionId) {
        try (KafkaConsumer<String, Object> consumer = TestClients.avroConsumer(bootstrap(), TestRegistry.url(),
                Topics.FRAUD_DECISIONS.name())) {
            return TestClients.readUntil(consumer, read -> read.stream().anyMatch(r -> isDecisionOf(r, transactionId)),
                            TIMEOUT).stream()
                    .filter(r -> isDecisionOf(r, transactionId)).map(r -> (FraudDecision) r.value())
                    .findFirst().orElseThrow();
        }
    }

    private static boolean isDecisionOf(ConsumerRecord<String, Object> record, String transactionId) {
        return ((FraudDecision) record.value()).getTransactionId().equals(transactionId);
    }

    private ConsumerRecord<String, byte[]> deadLetter(java.util.function.Predicate<ConsumerRecord<String, byte[]>> which) {
        try (KafkaConsumer<String, byte[]> consumer = TestClients.rawConsumer(bootstrap(),
                Topics.TRANSACTIONS.deadLetterTopic())) {
            return TestClients.readUntil(consumer, read -> read.stream().anyMatch(which), TIMEOUT).stream()
                    .filter(which).findFirst().orElseThrow();
        }
    }

    private KafkaProducer<String, Object> producer() {
        return TestClients.avroProducer(bootstrap(), TestRegistry.url(), true);
    }

    private static Transaction transaction(String card, long amountMinor) {
        return Transaction.newBuilder().setTransactionId(UUID.randomUUID().toString()).setCardId(card)
                .setAccountId("account-" + card).setAmountMinor(amountMinor).setCurrency("EUR")
                .setMerchantId("merchant-1").setMerchantCategory("5411").setCountry("DE").setChannel("POS")
                .setEventTime(Instant.now()).setDeviceId(null).setIpCountry(null).build();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String key) {
        var header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
