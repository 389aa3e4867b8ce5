package io.riskstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.apicurio.registry.rest.client.exception.RuleViolationException;
import io.riskstream.events.FraudDecision;
import io.riskstream.events.Transaction;
import io.riskstream.platform.RegistryCalls;
import io.riskstream.platform.TestClients;
import io.riskstream.platform.TestRegistry;
import io.riskstream.platform.TestSchemas;
import io.riskstream.platform.Topics;
import io.riskstream.schemas.SchemaCatalog;

/**
 * Producers on every version of {@code Transaction} at once, through a real broker and the real registry
 * with its FULL_TRANSITIVE rule: v1 (the history's first schema), v2 (the generated class) and v3 (a test
 * schema with one more optional field that the app has never seen) are all scored, exactly once each;
 * incompatible versions never reach the topic.
 */
class SchemaEvolutionIT extends RealInfrastructureIT {

    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final Schema V1 = SchemaCatalog.load().forTopic(Topics.TRANSACTIONS.name()).versions().get(0);
    static final Schema V3 = TestSchemas.read(TestSchemas.TRANSACTION_V3);
    static final String SUBJECT = Topics.TRANSACTIONS.name() + "-value";
    static final List<String> CARDS = List.of("card-evo-1", "card-evo-2", "card-evo-3", "card-evo-4");
    /** Each round, every producer sends one transaction of the same card. */
    static final int ROUNDS = 20;

    @Test
    void v1V2AndV3ProducersAreAllScoredExactlyOnce() throws Exception {
        // v3 is new to the registry: its producer registers it, as a card network's would, before the others
        // start, so that v1 and v2 are written while v3 is the latest version (they find theirs by content).
        Object first = v3Transaction(CARDS.get(0));
        try (KafkaProducer<String, Object> v3 = producer(true)) {
            v3.send(record(first)).get();
        }
        assertThat(RegistryCalls.latest(registry(), SUBJECT)).isEqualTo(V3);

        List<String> sent = new ArrayList<>(List.of(transactionId(first)));
        sent.addAll(sendConcurrently(List.of(
                // An old producer that never registers: its version was registered long ago.
                new Writer(false, SchemaEvolutionIT::v1Transaction),
                // Registering like EndToEndIT's: finds v2 by content although v3 is the latest.
                new Writer(true, SchemaEvolutionIT::v2Transaction),
                new Writer(true, SchemaEvolutionIT::v3Transaction))));

        assertThat(sent).hasSize(1 + 3 * ROUNDS).doesNotHaveDuplicates();
        Map<String, Long> decisions = decisionCounts(Set.copyOf(sent));
        assertThat(sent).allSatisfy(id -> assertThat(decisions.get(id)).as("decisions of " + id).isEqualTo(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incompatibleVersions")
    void incompatibleTransactionVersionIsRefused(String change, Schema incompatible, GenericRecord value)
            throws Exception {
        assertThat(RegistryCalls.addVersion(registry(), SUBJECT, incompatible).statusCode()).isEqualTo(409);

        long before = endOffsets();
        try (KafkaProducer<String, Object> producer = producer(true)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.TRANSACTIONS.name(), "card-refused",
                    value)).get())
                    .isInstanceOf(RuleViolationException.class)
                    .hasMessageContaining("Incompatible artifact: " + SUBJECT);
            producer.flush();
        }

        assertThat(endOffsets()).as("records in transactions").isEqualTo(before);
        assertThat(RegistryCalls.latest(registry(), SUBJECT)).isNotEqualTo(incompatible);
    }

    static Stream<Arguments> incompatibleVersions() {
        Schema amountAsString = transactionWith(new Schema.Field("amountMinor", Schema.create(Schema.Type.STRING)));
        GenericRecord textAmount = v2Like(amountAsString, "card-refused");
        textAmount.put("amountMinor", "2500");
        Schema requiredField = transactionWith(new Schema.Field("terminalId", Schema.create(Schema.Type.STRING)));
        GenericRecord withTerminal = v2Like(requiredField, "card-refused");
        withTerminal.put("terminalId", "T-1");
        return Stream.of(Arguments.of("amountMinor as a string", amountAsString, textAmount),
                Arguments.of("a new required field without default", requiredField, withTerminal));
    }

    /** A producer of one version: whether it auto-registers, and its transaction of a card. */
    private record Writer(boolean autoRegister, Function<String, Object> transactionOf) {
    }

    /** One producer per writer at once; each round every producer sends one transaction of the round's card. */
    private List<String> sendConcurrently(List<Writer> writers) throws Exception {
        CyclicBarrier round = new CyclicBarrier(writers.size());
        ExecutorService threads = Executors.newFixedThreadPool(writers.size());
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (Writer writer : writers) {
                results.add(threads.submit(() -> send(writer, round)));
            }
            List<String> sent = new ArrayList<>();
            for (Future<List<String>> result : results) {
                sent.addAll(result.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            }
            return sent;
        } finally {
            threads.shutdownNow();
        }
    }

    private List<String> send(Writer writer, CyclicBarrier round) throws Exception {
        List<String> sent = new ArrayList<>();
        try (KafkaProducer<String, Object> producer = producer(writer.autoRegister())) {
            for (int i = 0; i < ROUNDS; i++) {
                Object value = writer.transactionOf().apply(CARDS.get(i % CARDS.size()));
                producer.send(record(value)).get();
                sent.add(transactionId(value));
                round.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }
        return sent;
    }

    /** Decisions per transactionId, read up to the end of the topic once every expected one has arrived. */
    private Map<String, Long> decisionCounts(Set<String> expected) {
        try (KafkaConsumer<String, Object> consumer = TestClients.avroConsumer(bootstrap(), registry(),
                Topics.FRAUD_DECISIONS.name())) {
            return TestClients.readUntil(consumer,
                            read -> read.stream().map(SchemaEvolutionIT::transactionId).collect(Collectors.toSet())
                                    .containsAll(expected) && atEnd(consumer), TIMEOUT).stream()
                    .collect(Collectors.groupingBy(SchemaEvolutionIT::transactionId, Collectors.counting()));
        }
    }

    private static boolean atEnd(KafkaConsumer<String, Object> consumer) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        return !ends.isEmpty() && ends.entrySet().stream()
                .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    private long endOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(Topics.TRANSACTIONS.name())).allTopicNames().get()
                    .get(Topics.TRANSACTIONS.name()).partitions()
                    .forEach(p -> latest.put(new TopicPartition(Topics.TRANSACTIONS.name(), p.partition()),
                            OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    private KafkaProducer<String, Object> producer(boolean autoRegister) {
        return TestClients.avroProducer(bootstrap(), registry(), autoRegister);
    }

    private static ProducerRecord<String, Object> record(Object transaction) {
        String card = transaction instanceof Transaction tx ? tx.getCardId()
                : ((GenericRecord) transaction).get("cardId").toString();
        return new ProducerRecord<>(Topics.TRANSACTIONS.name(), card, transaction);
    }

    private static String transactionId(Object transaction) {
        return transaction instanceof Transaction tx ? tx.getTransactionId()
                : ((GenericRecord) transaction).get("transactionId").toString();
    }

    private static String transactionId(ConsumerRecord<String, Object> decision) {
        return ((FraudDecision) decision.value()).getTransactionId();
    }

    private static String registry() {
        return TestRegistry.url();
    }

    static Object v1Transaction(String card) {
        return v2Like(V1, card);
    }

    static Object v2Transaction(String card) {
        return Transaction.newBuilder().setTransactionId(UUID.randomUUID().toString()).setCardId(card)
                .setAccountId("account-" + card).setAmountMinor(1800).setCurrency("EUR").setMerchantId("merchant-2")
                .setMerchantCategory("5812").setCountry("DE").setChannel("ECOM").setEventTime(Instant.now())
                .setDeviceId("device-" + card).setIpCountry("DE").build();
    }

    static Object v3Transaction(String card) {
        GenericRecord v3 = v2Like(V3, card);
        v3.put("deviceId", "device-" + card);
        v3.put("terminalId", "terminal-7");
        return v3;
    }

    /** A transaction of {@code schema} with the fields every version has. */
    static GenericRecord v2Like(Schema schema, String card) {
        GenericRecord tx = new GenericData.Record(schema);
        tx.put("transactionId", UUID.randomUUID().toString());
        tx.put("cardId", card);
        tx.put("accountId", "account-" + card);
        tx.put("amountMinor", 2500L);
        tx.put("currency", "EUR");
        tx.put("merchantId", "merchant-1");
        tx.put("merchantCategory", "5411");
        tx.put("country", "DE");
        tx.put("channel", "POS");
        tx.put("eventTime", Instant.now().toEpochMilli());
        return tx;
    }

    /** Today's Transaction with {@code field} replaced, or added when it is new. */
    static Schema transactionWith(Schema.Field field) {
        Schema current = Transaction.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field existing : current.getFields()) {
            fields.add(existing.name().equals(field.name()) ? field : new Schema.Field(existing, existing.schema()));
        }
        if (current.getField(field.name()) == null) {
            fields.add(field);
        }
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }
}
