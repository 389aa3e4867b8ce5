package io.riskstream.platform;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Routes what cannot be processed to {@code <input>.dlq}: the original key (as UTF-8 text: a key that is not
 * valid UTF-8 keeps its decoded form) and bytes, the original headers
 * (the Apicurio schema id travels there, so the copy stays decodable), and headers saying where it came
 * from and why. The copy is written by the stream's own producer, inside the same exactly-once
 * transaction as the good records: a dead letter is never lost and never doubled.
 *
 * <p>Only what no check foresaw — an exception inside a processor, an output the broker refuses — takes the
 * last-resort path of {@link LastResortDeadLetters}, outside the transaction.
 */
public final class DeadLetters {

    /** The prefix of every header this app adds to a dead letter. */
    public static final String HEADER_PREFIX = "riskstream.dlq.";
    /** Headers added to every dead letter. */
    public static final String TOPIC_HEADER = HEADER_PREFIX + "topic";
    public static final String PARTITION_HEADER = HEADER_PREFIX + "partition";
    public static final String OFFSET_HEADER = HEADER_PREFIX + "offset";
    public static final String ERROR_CLASS_HEADER = HEADER_PREFIX + "error-class";
    /** One of the codes of {@link DeadLetterReason}. */
    public static final String REASON_CODE_HEADER = HEADER_PREFIX + "reason-code";
    /** The reason in words, with the causes' messages. */
    public static final String REASON_HEADER = HEADER_PREFIX + "reason";
    /** Only on a letter too large to copy whole: the original size of the value, in bytes. */
    public static final String TRUNCATED_VALUE_HEADER = HEADER_PREFIX + "value-truncated-from";
    /** Only on a letter too large to copy whole: the sha256 of the whole original value. */
    public static final String VALUE_SHA256_HEADER = HEADER_PREFIX + "value-sha256";
    /** Only on a letter whose key was too large to copy whole: the original size of the key, in bytes. */
    public static final String TRUNCATED_KEY_HEADER = HEADER_PREFIX + "key-truncated-from";
    /** Only on a letter of the last-resort path: the application id of the stream that wrote it. */
    public static final String STREAM_HEADER = HEADER_PREFIX + "stream";

    /** Dead letters by input topic and {@link DeadLetterReason} code. */
    public static final String METRIC = "riskstream.dead.letters";

    private DeadLetters() {
    }

    /**
     * Why {@link #route} would send this decoded record to its dead-letter topic were it read when {@code limits}'
     * clock says, or empty when the stream would take it: for a replay of an input outside the stream.
     */
    public static <T> Optional<String> whyRefused(String key, Decoded<T> decoded, Headers headers,
                                                  Validator<T> validator, InputLimits limits) {
        if (!decoded.isOk()) {
            return Optional.of(DeadLetterMarker.reason(decoded.error()));
        }
        return DeadLetterMarker.admission(key, decoded.value(), headers, validator, limits, OptionalLong.empty())
                .map(DeadLetterMarker::reason);
    }

    /**
     * The values of {@code input} that decoded, have an acceptable event time and pass {@code validator}; every
     * other record goes to {@code topic}'s dead-letter topic.
     */
    public static <T> KStream<String, T> route(KStream<String, Decoded<T>> input, Topic<T> topic,
                                              Validator<T> validator, InputLimits limits, MeterRegistry meters) {
        String prefix = topic.name() + "-";
        Map<String, KStream<String, Decoded<T>>> branches = input
                .processValues(() -> new DeadLetterMarker<>(topic, validator, limits, meters, METRIC),
                        Named.as(prefix + "check"))
                .split(Named.as(prefix))
                .branch((key, decoded) -> !decoded.isOk(), Branched.as("dead"))
                .defaultBranch(Branched.as("ok"));
        branches.get(prefix + "dead")
                .map((key, decoded) -> KeyValue.pair(DeadLetterMarker.boundedKey(key, limits.maxDeadLetterBytes()),
                        decoded.raw()), Named.as(prefix + "dead-raw"))
                .to(topic.deadLetterTopic(), Produced.<String, byte[]>with(Serdes.String(), Serdes.ByteArray())
                        .withName(prefix + "dlq"));
        return branches.get(prefix + "ok").mapValues(Decoded::value, Named.as(prefix + "ok-value"));
    }

    /**
     * The values of {@code input} that {@link #route} keeps; the others are dropped and counted in
     * {@code skippedMetric} (by topic and reason). For a second stream reading an input whose dead letters another
     * stream already writes, so that each bad record is in the dead-letter topic once.
     */
    public static <T> KStream<String, T> checked(KStream<String, Decoded<T>> input, Topic<T> topic,
                                                Validator<T> validator, InputLimits limits, MeterRegistry meters,
                                                String skippedMetric) {
        String prefix = topic.name() + "-";
        return input
                .processValues(() -> new DeadLetterMarker<>(topic, validator, limits, meters, skippedMetric),
                        Named.as(prefix + "check"))
                .filter((key, decoded) -> decoded.isOk(), Named.as(prefix + "usable"))
                .mapValues(Decoded::value, Named.as(prefix + "ok-value"));
    }
}
