package io.riskstream.platform;

import java.util.Map;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Routes what cannot be processed to {@code <input>.dlq}: the original key and bytes, the original headers
 * (the Apicurio schema id travels there, so the copy stays decodable), and headers saying where it came
 * from and why. The copy is written by the stream's own producer, inside the same exactly-once
 * transaction as the good records: a dead letter is never lost and never doubled.
 */
public final class DeadLetters {

    /** Headers added to every dead letter. */
    public static final String TOPIC_HEADER = "riskstream.dlq.topic";
    public static final String PARTITION_HEADER = "riskstream.dlq.partition";
    public static final String OFFSET_HEADER = "riskstream.dlq.offset";
    public static final String ERROR_CLASS_HEADER = "riskstream.dlq.error-class";
    public static final String REASON_HEADER = "riskstream.dlq.reason";

    /** Dead letters by input topic and error class. */
    public static final String METRIC = "riskstream.dead.letters";

    private DeadLetters() {
    }

    /**
     * The values of {@code input} that decoded and pass {@code validator}; every other record goes to
     * {@code topic}'s dead-letter topic.
     */
    public static <T> KStream<String, T> route(KStream<String, Decoded<T>> input, Topic<T> topic,
                                              Validator<T> validator, MeterRegistry meters) {
        String prefix = topic.name() + "-";
        Map<String, KStream<String, Decoded<T>>> branches = input
                .processValues(() -> new DeadLetterMarker<>(topic, validator, meters), Named.as(prefix + "check"))
                .split(Named.as(prefix))
                .branch((key, decoded) -> !decoded.isOk(), Branched.as("dead"))
                .defaultBranch(Branched.as("ok"));
        branches.get(prefix + "dead")
                .mapValues(Decoded::raw, Named.as(prefix + "dead-raw"))
                .to(topic.deadLetterTopic(), Produced.<String, byte[]>with(Serdes.String(), Serdes.ByteArray())
                        .withName(prefix + "dlq"));
        return branches.get(prefix + "ok").mapValues(Decoded::value, Named.as(prefix + "ok-value"));
    }
}
