package io.riskstream.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.riskstream.events.LoginEvent;
import io.riskstream.events.Transaction;

class DeadLettersTest {

    private static final Serde<LoginEvent> LOGIN_SERDE = TestAvroSerde.of(LoginEvent.class);
    private static final String OUT = "good-logins";
    private static final Instant NOW = Instant.parse("2026-01-01T00:05:00Z");
    private static final InputLimits LIMITS = new InputLimits(Duration.ofMinutes(5), Duration.ofDays(7), 64 * 1024,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> input;
    private TestOutputTopic<String, LoginEvent> good;
    private TestOutputTopic<String, byte[]> dead;

    @BeforeEach
    void startTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        Validator<LoginEvent> validator = (key, login) -> login.getUserId().isBlank()
                ? Optional.of("userId is empty") : Optional.empty();
        DeadLetters.route(builder.stream(Topics.LOGINS.name(),
                        Consumed.with(Serdes.String(), new DecodingSerde<>(LOGIN_SERDE, LoginEvent.class))), Topics.LOGINS, validator, LIMITS, meters)
                .to(OUT, Produced.with(Serdes.String(), LOGIN_SERDE));
        driver = TopologyTests.driver(builder.build(), LIMITS);
        input = driver.createInputTopic(Topics.LOGINS.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        good = driver.createOutputTopic(OUT, Serdes.String().deserializer(), LOGIN_SERDE.deserializer());
        dead = driver.createOutputTopic(Topics.LOGINS.deadLetterTopic(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void recordThatIsNotAvroGoesToItsDeadLetterTopicWithOriginalBytesAndHeaders() {
        byte[] garbage = "definitely not avro".getBytes(StandardCharsets.UTF_8);
        Headers headers = new RecordHeaders().add("trace-id", bytes("abc"));

        input.pipeInput(new TestRecord<>("user-1", garbage, headers, Instant.EPOCH));

        TestRecord<String, byte[]> letter = dead.readRecord();
        assertThat(letter.key()).isEqualTo("user-1");
        assertThat(letter.value()).isEqualTo(garbage);
        assertThat(header(letter, "trace-id")).isEqualTo("abc");
        assertThat(header(letter, DeadLetters.TOPIC_HEADER)).isEqualTo("logins");
        assertThat(header(letter, DeadLetters.PARTITION_HEADER)).isEqualTo("0");
        assertThat(header(letter, DeadLetters.OFFSET_HEADER)).isEqualTo("0");
        assertThat(header(letter, DeadLetters.ERROR_CLASS_HEADER)).isNotBlank();
        assertThat(header(letter, DeadLetters.REASON_HEADER)).isNotBlank();
        assertThat(good.isEmpty()).isTrue();
        assertThat(header(letter, DeadLetters.REASON_CODE_HEADER)).isEqualTo("undecodable");
        assertThat(meters.counter(DeadLetters.METRIC, "topic", "logins", "reason", "undecodable").count())
                .isEqualTo(1);
    }

    @Test
    void streamKeepsProcessingAfterABadRecord() {
        input.pipeInput("user-1", bytes("garbage"));
        input.pipeInput("user-2", LOGIN_SERDE.serializer().serialize(Topics.LOGINS.name(), login("user-2")));

        assertThat(dead.readRecordsToList()).hasSize(1);
        assertThat(good.readValue().getUserId()).isEqualTo("user-2");
    }

    @Test
    void recordThatFailsValidationGoesToDeadLettersWithTheReason() {
        byte[] raw = LOGIN_SERDE.serializer().serialize(Topics.LOGINS.name(), login(""));

        input.pipeInput("user-3", raw);

        TestRecord<String, byte[]> letter = dead.readRecord();
        assertThat(letter.value()).isEqualTo(raw);
        assertThat(header(letter, DeadLetters.REASON_HEADER)).isEqualTo("userId is empty");
        assertThat(header(letter, DeadLetters.ERROR_CLASS_HEADER)).isEqualTo(InvalidRecordException.class.getName());
    }

    @Test
    void tombstoneGoesToDeadLettersInsteadOfBeingDropped() {
        input.pipeInput("user-4", (byte[]) null);

        assertThat(header(dead.readRecord(), DeadLetters.REASON_HEADER)).contains("tombstone");
    }

    @Test
    void goodRecordLosesTheRegistryHeadersOfItsInput() {
        Headers headers = new RecordHeaders().add("apicurio.value.globalId", bytes("7")).add("trace-id", bytes("t"));
        byte[] raw = LOGIN_SERDE.serializer().serialize(Topics.LOGINS.name(), login("user-5"));

        input.pipeInput(new TestRecord<>("user-5", raw, headers, Instant.EPOCH));

        TestRecord<String, LoginEvent> out = good.readRecord();
        assertThat(out.headers().lastHeader("apicurio.value.globalId")).isNull();
        assertThat(header(out, "trace-id")).isEqualTo("t");
    }

    @Test
    void valueOfAnotherSchemaGoesToDeadLettersAsWrongType() {
        Transaction tx = Transaction.newBuilder().setTransactionId("t").setCardId("user-6").setAccountId("a")
                .setAmountMinor(1).setCurrency("EUR").setMerchantId("m").setMerchantCategory("5411").setCountry("DE")
                .setChannel("POS").setEventTime(NOW).build();
        byte[] raw = TestAvroSerde.of(Transaction.class).serializer().serialize(Topics.LOGINS.name(), tx);

        input.pipeInput("user-6", raw);

        TestRecord<String, byte[]> letter = dead.readRecord();
        assertThat(letter.value()).isEqualTo(raw);
        assertThat(header(letter, DeadLetters.REASON_CODE_HEADER)).isEqualTo("wrong-type");
        assertThat(header(letter, DeadLetters.REASON_HEADER)).contains("io.riskstream.events.Transaction", "LoginEvent");
        assertThat(good.isEmpty()).isTrue();
    }

    @Test
    void tombstoneGoesToDeadLetters() {
        input.pipeInput("user-7", (byte[]) null);

        TestRecord<String, byte[]> letter = dead.readRecord();
        assertThat(letter.value()).isNull();
        assertThat(header(letter, DeadLetters.REASON_CODE_HEADER)).isEqualTo("tombstone");
    }

    @Test
    void eventTimesOutsideTheWindowGoToDeadLettersStampedWithTheWallClockAndMoveNoClock() {
        Instant wallClock = Instant.parse("2026-01-01T00:00:00Z");
        input.pipeInput(new TestRecord<>("user-8", encoded(login("user-8", NOW.plus(Duration.ofDays(400)))),
                new RecordHeaders(), wallClock));
        input.pipeInput(new TestRecord<>("user-8", encoded(login("user-8", NOW.minus(Duration.ofDays(8)))),
                new RecordHeaders(), wallClock));
        input.pipeInput(new TestRecord<>("user-8", encoded(login("user-8", Instant.ofEpochMilli(-1))),
                new RecordHeaders(), wallClock));
        input.pipeInput("user-8", encoded(login("user-8", NOW.minusSeconds(60))));

        List<TestRecord<String, byte[]>> letters = dead.readRecordsToList();
        assertThat(letters).hasSize(3).allSatisfy(letter -> {
            assertThat(header(letter, DeadLetters.REASON_CODE_HEADER)).isEqualTo("event-time");
            assertThat(letter.getRecordTime()).isEqualTo(NOW);
        });
        assertThat(header(letters.get(0), DeadLetters.REASON_HEADER)).contains("ahead of this instance's clock");
        assertThat(header(letters.get(1), DeadLetters.REASON_HEADER)).contains("old");
        assertThat(header(letters.get(2), DeadLetters.REASON_HEADER)).contains("before 1970");
        // The good record after them is stamped with its own event time: none of the bad ones moved the clock.
        TestRecord<String, LoginEvent> out = good.readRecord();
        assertThat(out.getRecordTime()).isEqualTo(NOW.minusSeconds(60));
        assertThat(meters.counter(DeadLetters.METRIC, "topic", "logins", "reason", "event-time").count()).isEqualTo(3);
    }

    @Test
    void recordWithOversizedHeadersGoesToDeadLetters() {
        Headers headers = new RecordHeaders().add("baggage", new byte[DeadLetterMarker.MAX_INPUT_HEADER_BYTES]);

        input.pipeInput(new TestRecord<>("user-9", encoded(login("user-9", NOW)), headers, NOW));

        assertThat(header(dead.readRecord(), DeadLetters.REASON_HEADER)).contains("headers are");
        assertThat(good.isEmpty()).isTrue();
    }

    @Test
    void deadLetterLargerThanTheLimitKeepsItsFirstBytesAndSaysHowLargeItWas() throws Exception {
        byte[] huge = new byte[200 * 1024];
        java.util.Arrays.fill(huge, (byte) 7);
        String hugeKey = "k".repeat(40 * 1024);

        input.pipeInput(hugeKey, huge);

        TestRecord<String, byte[]> letter = dead.readRecord();
        int size = letter.key().length() + letter.value().length;
        for (var header : letter.headers()) {
            size += header.key().length() + header.value().length;
        }
        assertThat(size).isLessThanOrEqualTo(LIMITS.maxDeadLetterBytes());
        assertThat(letter.value()).isNotEmpty();
        assertThat(hugeKey).startsWith(letter.key());
        assertThat(header(letter, DeadLetters.TRUNCATED_VALUE_HEADER)).isEqualTo(String.valueOf(huge.length));
        assertThat(header(letter, DeadLetters.TRUNCATED_KEY_HEADER)).isEqualTo(String.valueOf(hugeKey.length()));
        assertThat(header(letter, DeadLetters.VALUE_SHA256_HEADER)).isEqualTo(java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(huge)));
    }

    private static byte[] encoded(LoginEvent login) {
        return LOGIN_SERDE.serializer().serialize(Topics.LOGINS.name(), login);
    }

    private static LoginEvent login(String userId, Instant eventTime) {
        return LoginEvent.newBuilder(login(userId)).setEventTime(eventTime).build();
    }

    private static LoginEvent login(String userId) {
        return LoginEvent.newBuilder().setUserId(userId).setCountry("DE").setSuccess(true)
                .setEventTime(Instant.parse("2026-01-01T00:00:00Z")).build();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(TestRecord<String, ?> record, String key) {
        var header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
