package io.riskstream.platform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Validates decoded records and marks the ones that cannot be processed with where they came from and why.
 * Good records lose the registry's headers of the input, so that an output record carries only the schema
 * id of its own value.
 */
final class DeadLetterMarker<T> implements FixedKeyProcessor<String, Decoded<T>, Decoded<T>> {

    static final String REGISTRY_HEADER_PREFIX = "apicurio.";

    private final Topic<T> topic;
    private final Validator<T> validator;
    private final MeterRegistry meters;
    private FixedKeyProcessorContext<String, Decoded<T>> context;

    DeadLetterMarker(Topic<T> topic, Validator<T> validator, MeterRegistry meters) {
        this.topic = topic;
        this.validator = validator;
        this.meters = meters;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Decoded<T>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Decoded<T>> record) {
        Decoded<T> decoded = record.value();
        if (decoded.isOk()) {
            Optional<String> problem = validator.problem(record.key(), decoded.value());
            if (problem.isPresent()) {
                decoded = decoded.reject(new InvalidRecordException(problem.get()));
            }
        }
        if (decoded.isOk()) {
            context.forward(record.withHeaders(withoutRegistryHeaders(record.headers())));
            return;
        }
        meters.counter(DeadLetters.METRIC, "topic", topic.name(),
                "error", decoded.error().getClass().getSimpleName()).increment();
        context.forward(record.withValue(decoded).withHeaders(marked(record.headers(), decoded.error())));
    }

    private Headers marked(Headers original, Exception error) {
        Headers headers = new RecordHeaders(original.toArray());
        Optional<RecordMetadata> metadata = context.recordMetadata();
        add(headers, DeadLetters.TOPIC_HEADER, metadata.map(RecordMetadata::topic).orElse(topic.name()));
        add(headers, DeadLetters.PARTITION_HEADER, metadata.map(m -> String.valueOf(m.partition())).orElse(""));
        add(headers, DeadLetters.OFFSET_HEADER, metadata.map(m -> String.valueOf(m.offset())).orElse(""));
        add(headers, DeadLetters.ERROR_CLASS_HEADER, error.getClass().getName());
        add(headers, DeadLetters.REASON_HEADER, reason(error));
        return headers;
    }

    /** The message of the error and of its causes, so that "failed to deserialize" also says why. */
    static String reason(Throwable error) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = error; t != null && messages.size() < 4; t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (!messages.contains(message)) {
                messages.add(message);
            }
        }
        return String.join(": ", messages);
    }

    private static Headers withoutRegistryHeaders(Headers original) {
        Headers headers = new RecordHeaders();
        for (Header header : original) {
            if (!header.key().startsWith(REGISTRY_HEADER_PREFIX)) {
                headers.add(header);
            }
        }
        return headers;
    }

    private static void add(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
