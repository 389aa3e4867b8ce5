package io.riskstream.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
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

class DeadLettersTest {

    private static final Serde<LoginEvent> LOGIN_SERDE = TestAvroSerde.of(LoginEvent.class);
    private static final String OUT = "good-logins";

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
                        Consumed.with(Serdes.String(), new DecodingSerde<>(LOGIN_SERDE))), Topics.LOGINS, validator, meters)
                .to(OUT, Produced.with(Serdes.String(), LOGIN_SERDE));
        driver = TopologyTests.driver(builder.build());
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
        assertThat(meters.counter(DeadLetters.METRIC, "topic", "logins",
                "error", header(letter, DeadLetters.ERROR_CLASS_HEADER).replaceAll(".*\\.", "")).count()).isEqualTo(1);
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
