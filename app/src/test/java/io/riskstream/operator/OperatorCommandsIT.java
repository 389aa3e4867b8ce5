package io.riskstream.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.riskstream.devstack.KafkaBroker;
import io.riskstream.events.Transaction;
import io.riskstream.platform.AvroSerdes;
import io.riskstream.platform.DeadLetters;
import io.riskstream.platform.TestClients;
import io.riskstream.platform.TestRegistry;
import io.riskstream.platform.TestTransactions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operators' commands against a real broker and registry: dead letters listed with their reasons, chosen ones
 * put back on their input as they first came, exactly once however often the replay runs, and any topic printed as
 * JSON. The letters are written as the streams write them (DeadLetters' headers over the original record's).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorCommandsIT {

    private static final String INPUT = "transactions";
    private static final String DLQ = "transactions.dlq";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private KafkaBroker broker;
    private String registry;
    private Transaction futureTransaction;
    private Headers futureHeaders;
    private byte[] futureValue;

    @BeforeAll
    void lettersOfEachKindOnTheDeadLetterTopic() throws Exception {
        broker = KafkaBroker.start();
        registry = TestRegistry.url();
        try (Admin admin = Admin.create(broker.adminConfig())) {
            admin.createTopics(List.of(new NewTopic(INPUT, 3, (short) 1), new NewTopic(DLQ, 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        // A transaction as its producer sent it: Avro through the registry, the schema id in the headers.
        futureTransaction = TestTransactions.groceryPurchases(1).get(0);
        futureHeaders = new RecordHeaders().add("trace-id", "t-7".getBytes(StandardCharsets.UTF_8));
        futureValue = new AvroSerdes(registry, false).of(io.riskstream.platform.Topics.TRANSACTIONS).serializer()
                .serialize(INPUT, futureHeaders, futureTransaction);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(broker.adminConfig(), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(letter(futureTransaction.getCardId(), futureValue, futureHeaders, "event-time", 0, 17));
            producer.send(letter("card-garbage", "not avro".getBytes(StandardCharsets.UTF_8), new RecordHeaders(),
                    "undecodable", 1, 4));
            Headers truncated = new RecordHeaders().add(DeadLetters.TRUNCATED_VALUE_HEADER,
                    "9000000".getBytes(StandardCharsets.UTF_8));
            producer.send(letter("card-huge", new byte[100], truncated, "undecodable", 2, 9)).get();
        }
    }

    @AfterAll
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void listShowsEveryLetterWithItsReasonAndWhetherItCanGoBack() throws Exception {
        Run list = run("dead-letters", "list", DLQ);

        assertThat(list.exit).isZero();
        assertThat(list.lines()).extracting(line -> line.get("key").asString(), line -> line.get("reasonCode").asString(),
                        line -> line.get("replayed").asBoolean(), line -> line.has("notReplayable"))
                .containsExactly(tuple(futureTransaction.getCardId(), "event-time", false, false),
                        tuple("card-garbage", "undecodable", false, false), tuple("card-huge", "undecodable", false, true));
    }

    @Test
    @Order(2)
    void replayOfAReasonPutsThoseLettersBackAsTheyFirstCame() throws Exception {
        Run replay = run("dead-letters", "replay", DLQ, "--reason=event-time");

        assertThat(replay.exit).isZero();
        List<ConsumerRecord<String, byte[]>> input = input(1);
        ConsumerRecord<String, byte[]> back = input.get(0);
        assertThat(back.key()).isEqualTo(futureTransaction.getCardId());
        assertThat(back.value()).isEqualTo(futureValue);
        assertThat(header(back.headers(), "trace-id")).isEqualTo("t-7");
        for (Header original : futureHeaders) {
            assertThat(back.headers().lastHeader(original.key()).value()).as(original.key()).isEqualTo(original.value());
        }
        assertThat(back.headers()).noneMatch(header -> header.key().startsWith(DeadLetters.HEADER_PREFIX));
        assertThat(header(back.headers(), DeadLetterReplay.REPLAYED_FROM_HEADER)).isEqualTo(DLQ + "/0/0");
    }

    @Test
    @Order(3)
    void replayingEverythingAgainPutsBackOnlyWhatWasNotAndRefusesATruncatedLetter() throws Exception {
        Run first = run("dead-letters", "replay", DLQ, "--all");
        Run second = run("dead-letters", "replay", DLQ, "--all");

        assertThat(first.lines()).extracting(line -> line.get("outcome").asString())
                .containsExactly("already-replayed", "replayed", "refused");
        assertThat(first.exit).as("a refused letter fails the command").isEqualTo(1);
        assertThat(second.lines()).extracting(line -> line.get("outcome").asString())
                .containsExactly("already-replayed", "already-replayed", "refused");
        assertThat(input(2)).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(futureTransaction.getCardId(),
                "card-garbage");
        assertThat(run("dead-letters", "list", DLQ).lines()).extracting(line -> line.get("replayed").asBoolean())
                .containsExactly(true, true, false);
    }

    @Test
    @Order(4)
    void tailPrintsATopicAsJsonWithValuesDecodedThroughTheRegistry() throws Exception {
        Run tail = run("tail", INPUT, "--from-beginning");

        assertThat(tail.exit).isZero();
        assertThat(tail.lines()).hasSize(2);
        JsonNode transaction = tail.lines().stream().filter(line -> line.get("key").asString()
                .equals(futureTransaction.getCardId())).findFirst().orElseThrow();
        assertThat(transaction.get("value").get("transactionId").asString())
                .isEqualTo(futureTransaction.getTransactionId());
        assertThat(transaction.get("value").get("amountMinor").asLong()).isEqualTo(2500);
        assertThat(transaction.get("headers").get("trace-id").asString()).isEqualTo("t-7");
        JsonNode garbage = tail.lines().stream().filter(line -> line.get("key").asString().equals("card-garbage"))
                .findFirst().orElseThrow();
        assertThat(garbage.has("valueError")).isTrue();
        assertThat(garbage.get("valueBase64").asString()).isEqualTo(java.util.Base64.getEncoder()
                .encodeToString("not avro".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @Order(5)
    void aTopicThatIsNotADeadLetterTopicIsRefusedWithTheOnesThatAre() {
        Run replay = run("dead-letters", "replay", INPUT, "--all");

        assertThat(replay.exit).isEqualTo(2);
        assertThat(replay.err).contains("transactions is not a dead-letter topic", DLQ);
    }

    private ProducerRecord<String, byte[]> letter(String key, byte[] value, Headers original, String reasonCode,
                                                  int partition, long offset) {
        RecordHeaders headers = new RecordHeaders(original.toArray());
        headers.add(DeadLetters.TOPIC_HEADER, INPUT.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetters.PARTITION_HEADER, String.valueOf(partition).getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetters.OFFSET_HEADER, String.valueOf(offset).getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetters.REASON_CODE_HEADER, reasonCode.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetters.REASON_HEADER, ("because " + reasonCode).getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetters.ERROR_CLASS_HEADER, "TestError".getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(DLQ, 0, key, value, headers);
    }

    /** What the input holds, read_committed, once it holds {@code count} records (and a moment more). */
    private List<ConsumerRecord<String, byte[]>> input(int count) {
        try (KafkaConsumer<String, byte[]> consumer = TestClients.rawConsumer(broker.bootstrapServers(), INPUT)) {
            List<ConsumerRecord<String, byte[]>> read = new ArrayList<>(TestClients.readUntil(consumer,
                    records -> records.size() >= count, Duration.ofSeconds(30)));
            consumer.poll(Duration.ofSeconds(2)).forEach(read::add);
            return read;
        }
    }

    private static String header(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private Run run(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.add("--riskstream.kafka.bootstrap-servers=" + broker.bootstrapServers());
        args.add("--riskstream.registry.url=" + registry);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = OperatorCommands.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int exit, String out, String err) {

        List<JsonNode> lines() {
            return out.lines().map(JSON::readTree).toList();
        }
    }
}
