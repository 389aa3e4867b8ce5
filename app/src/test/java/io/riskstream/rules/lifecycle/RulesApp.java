package io.riskstream.rules.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.riskstream.events.FraudDecision;
import io.riskstream.events.Transaction;
import io.riskstream.platform.AppProcess;
import io.riskstream.platform.TestClients;
import io.riskstream.platform.Topics;

/** The app as the rules' integration tests run it, on one broker and registry, and decisions asked of it. */
record RulesApp(String bootstrapServers, String registry) {

    static final Duration START_TIMEOUT = Duration.ofSeconds(150);
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** An instance with the repository's rules directory running {@code functions}, once it is healthy. */
    AppProcess start(String name, String functions) throws IOException {
        Path stateDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "it-state-");
        AppProcess started = AppProcess.start(name, List.of(
                "--riskstream.kafka.bootstrap-servers=" + bootstrapServers,
                "--riskstream.registry.url=" + registry,
                "--riskstream.rules.directory=" + RepositoryRules.ROOT,
                "--riskstream.streams.state-dir=" + stateDir.toAbsolutePath(),
                "--riskstream.topics.partitions=2",
                "--spring.cloud.function.definition=" + functions));
        started.awaitHealthy(START_TIMEOUT);
        return started;
    }

    /** Grocery purchases of new cards: approved by the starter rules. */
    static List<Transaction> purchases(int count) {
        List<Transaction> purchases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            purchases.add(Transaction.newBuilder().setTransactionId(UUID.randomUUID().toString())
                    .setCardId("card-" + UUID.randomUUID()).setAccountId("account").setAmountMinor(2500)
                    .setCurrency("EUR").setMerchantId("grocer").setMerchantCategory("5411").setCountry("DE")
                    .setChannel("POS").setEventTime(Instant.now()).setDeviceId(null).setIpCountry(null).build());
        }
        return purchases;
    }

    /** Sends {@code purchases} and reads the decision on each. */
    List<FraudDecision> decide(List<Transaction> purchases) {
        try (KafkaProducer<String, Object> producer = TestClients.avroProducer(bootstrapServers, registry, true)) {
            purchases.forEach(tx -> producer.send(new ProducerRecord<>(Topics.TRANSACTIONS.name(), tx.getCardId(), tx)));
        }
        List<String> ids = purchases.stream().map(Transaction::getTransactionId).toList();
        try (KafkaConsumer<String, Object> consumer = TestClients.avroConsumer(bootstrapServers, registry,
                Topics.FRAUD_DECISIONS.name())) {
            Predicate<ConsumerRecord<String, Object>> ours =
                    r -> ids.contains(((FraudDecision) r.value()).getTransactionId());
            return TestClients.readUntil(consumer, read -> read.stream().filter(ours).count() == ids.size(), TIMEOUT)
                    .stream().filter(ours).map(r -> (FraudDecision) r.value()).toList();
        }
    }
}
