package io.riskstream.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.riskstream.events.FraudDecision;
import io.riskstream.events.Transaction;

/** Transactions the starter rules approve, and the decisions an app makes on them. */
public final class TestTransactions {

    private TestTransactions() {
    }

    /** Grocery purchases of new cards: approved by the starter rules. */
    public static List<Transaction> groceryPurchases(int count) {
        List<Transaction> purchases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            purchases.add(Transaction.newBuilder().setTransactionId(UUID.randomUUID().toString())
                    .setCardId("card-" + UUID.randomUUID()).setAccountId("account").setAmountMinor(2500)
                    .setCurrency("EUR").setMerchantId("grocer").setMerchantCategory("5411").setCountry("DE")
                    .setChannel("POS").setEventTime(Instant.now()).setDeviceId(null).setIpCountry(null).build());
        }
        return purchases;
    }

    /** Sends {@code purchases} and reads the decision on each, connecting with {@code connection}. */
    public static List<FraudDecision> decide(Map<String, Object> connection, String registry,
                                             List<Transaction> purchases, Duration timeout) {
        try (KafkaProducer<String, Object> producer = TestClients.avroProducer(connection, registry, true)) {
            purchases.forEach(tx -> producer.send(new ProducerRecord<>(Topics.TRANSACTIONS.name(), tx.getCardId(), tx)));
        }
        List<String> ids = purchases.stream().map(Transaction::getTransactionId).toList();
        try (KafkaConsumer<String, Object> consumer = TestClients.avroConsumer(connection, registry,
                Topics.FRAUD_DECISIONS.name())) {
            Predicate<ConsumerRecord<String, Object>> ours =
                    r -> ids.contains(((FraudDecision) r.value()).getTransactionId());
            return TestClients.readUntil(consumer, read -> read.stream().filter(ours).count() == ids.size(), timeout)
                    .stream().filter(ours).map(r -> (FraudDecision) r.value()).toList();
        }
    }
}
