package io.riskstream.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Checks decoded records — event time within {@link InputLimits}, then the topic's {@link Validator} — and marks
 * the ones that cannot be processed with where they came from and why. Good records lose the registry's headers
 * of the input, so that an output record carries only the schema id of its own value.
 *
 * <p>A dead letter is stamped with the wall clock, not its event time: whatever the record said about time, the
 * broker accepts the copy, and the topic's retention counts from when it was dead-lettered. It keeps at most
 * {@link InputLimits#maxDeadLetterBytes()}, so that the broker never refuses it for its size either.
 */
final class DeadLetterMarker<T> implements FixedKeyProcessor<String, Decoded<T>, Decoded<T>> {

    static final String REGISTRY_HEADER_PREFIX = "apicurio.";
    /** Room left for the headers this marker adds. */
    private static final int OWN_HEADERS_BYTES = 4096;
    private static final int MAX_REASON_LENGTH = 2000;
    /**
     * Outputs carry their input's headers (trace ids and the like): a record with more would make outputs that the
     * broker may refuse, which would stop the stream.
     */
    static final int MAX_INPUT_HEADER_BYTES = 64 * 1024;

    private final Topic<T> topic;
    private final Validator<T> validator;
    private final InputLimits limits;
    private final MeterRegistry meters;
    private final String metric;
    private FixedKeyProcessorContext<String, Decoded<T>> context;

    DeadLetterMarker(Topic<T> topic, Validator<T> validator, InputLimits limits, MeterRegistry meters,
                     String metric) {
        this.topic = topic;
        this.validator = validator;
        this.limits = limits;
        this.meters = meters;
        this.metric = metric;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Decoded<T>> context) {
        this.context = context;
        // Every reason at zero from the start: an alert on a rise, and a dashboard, need the series before the first.
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            meters.counter(metric, "topic", topic.name(), "reason", reason.code());
        }
    }

    @Override
    public void process(FixedKeyRecord<String, Decoded<T>> record) {
        Decoded<T> decoded = record.value();
        if (decoded.isOk()) {
            Optional<InvalidRecordException> problem = problem(record.key(), decoded.value(), record.headers(),
                    record.timestamp());
            if (problem.isPresent()) {
                decoded = decoded.reject(problem.get());
            }
        }
        if (decoded.isOk()) {
            context.forward(record.withHeaders(withoutRegistryHeaders(record.headers())));
            return;
        }
        DeadLetterReason reason = DeadLetterReason.of(decoded.error());
        meters.counter(metric, "topic", topic.name(), "reason", reason.code()).increment();
        Headers headers = marked(record.headers(), decoded.error(), reason);
        FixedKeyRecord<String, Decoded<T>> letter = record.withValue(decoded).withHeaders(headers)
                .withTimestamp(context.currentSystemTimeMs());
        context.forward(boundedInSize(letter));
    }

    private Optional<InvalidRecordException> problem(String key, T value, Headers headers, long timestamp) {
        return admission(key, value, headers, validator, limits, OptionalLong.of(timestamp));
    }

    /**
     * Why a decoded record cannot be processed, as of {@code limits}' clock: headers too large, an event time out of
     * bounds (or other than the {@code timestamp} the stream read it with), or what {@code validator} says; empty
     * when it can be.
     */
    static <T> Optional<InvalidRecordException> admission(String key, T value, Headers headers, Validator<T> validator,
                                                          InputLimits limits, OptionalLong timestamp) {
        int headerBytes = size(headers);
        if (headerBytes > MAX_INPUT_HEADER_BYTES) {
            return Optional.of(new InvalidRecordException("the headers are " + headerBytes + " bytes, more than "
                    + MAX_INPUT_HEADER_BYTES));
        }
        OptionalLong eventTime = InputLimits.eventTimeOf(value);
        if (eventTime.isPresent()) {
            Optional<String> timeProblem = limits.eventTimeProblem(eventTime.getAsLong());
            if (timeProblem.isEmpty() && timestamp.isPresent() && timestamp.getAsLong() != eventTime.getAsLong()) {
                // The extractor refused the event time a moment ago; the window has moved since. The record was
                // already kept out of its partition's time, so it must stay out of the stream as well.
                timeProblem = Optional.of("eventTime " + eventTime.getAsLong()
                        + " was outside the accepted window when the record was read");
            }
            if (timeProblem.isPresent()) {
                return Optional.of(new InvalidRecordException(DeadLetterReason.EVENT_TIME, timeProblem.get()));
            }
        }
        try {
            return validator.problem(key, value).map(InvalidRecordException::new);
        } catch (RuntimeException e) {
            return Optional.of(new InvalidRecordException("the record cannot be checked: " + reason(e)));
        }
    }

    private Headers marked(Headers original, Exception error, DeadLetterReason reason) {
        Headers headers = freshHeaders();
        original.forEach(headers::add);
        Optional<RecordMetadata> metadata = context.recordMetadata();
        add(headers, DeadLetters.TOPIC_HEADER, metadata.map(RecordMetadata::topic).orElse(topic.name()));
        add(headers, DeadLetters.PARTITION_HEADER, metadata.map(m -> String.valueOf(m.partition())).orElse(""));
        add(headers, DeadLetters.OFFSET_HEADER, metadata.map(m -> String.valueOf(m.offset())).orElse(""));
        add(headers, DeadLetters.ERROR_CLASS_HEADER, error.getClass().getName());
        add(headers, DeadLetters.REASON_CODE_HEADER, reason.code());
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
        String reason = String.join(": ", messages);
        return reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH) + "…";
    }

    /**
     * The letter itself if it fits; otherwise the same letter with the first bytes of its value (and of its key, and
     * without the input's own headers but the registry's, if those alone are too large), saying in its headers how
     * large the value was and its sha256, so that the original can still be found and checked on the input topic.
     */
    private FixedKeyRecord<String, Decoded<T>> boundedInSize(FixedKeyRecord<String, Decoded<T>> letter) {
        byte[] raw = letter.value().raw();
        int keyBytes = letter.key() == null ? 0 : letter.key().getBytes(StandardCharsets.UTF_8).length;
        int valueBytes = raw == null ? 0 : raw.length;
        int headerBytes = size(letter.headers());
        int limit = limits.maxDeadLetterBytes();
        if (keyBytes + valueBytes + headerBytes <= limit) {
            return letter;
        }
        Headers headers = headerBytes > limit / 4 ? registryOnly(letter.headers()) : letter.headers();
        String key = boundedKey(letter.key(), limit);
        if (keyBytes > limit / 4) {
            add(headers, DeadLetters.TRUNCATED_KEY_HEADER, String.valueOf(keyBytes));
        }
        if (raw != null) {
            add(headers, DeadLetters.TRUNCATED_VALUE_HEADER, String.valueOf(valueBytes));
            add(headers, DeadLetters.VALUE_SHA256_HEADER, sha256(raw));
            int room = Math.max(0, limit - key.getBytes(StandardCharsets.UTF_8).length - size(headers)
                    - OWN_HEADERS_BYTES);
            byte[] kept = new byte[Math.min(room, raw.length)];
            System.arraycopy(raw, 0, kept, 0, kept.length);
            raw = kept;
        }
        return letter.withValue(Decoded.<T>failed(raw, letter.value().error())).withHeaders(headers);
    }

    /**
     * The key a dead letter is written with: the original, or its first characters if it alone would take more
     * than a quarter of {@code limit}. (A fixed-key processor cannot change the key: {@link DeadLetters#route} does.)
     */
    static String boundedKey(String key, int limit) {
        if (key == null || key.length() <= limit / 16 || key.getBytes(StandardCharsets.UTF_8).length <= limit / 4) {
            return key;
        }
        return key.substring(0, limit / 16);
    }

    private static Headers registryOnly(Headers original) {
        Headers headers = freshHeaders();
        for (Header header : original) {
            if (header.key().startsWith(REGISTRY_HEADER_PREFIX) || header.key().startsWith(DeadLetters.HEADER_PREFIX)) {
                headers.add(header);
            }
        }
        return headers;
    }

    private static int size(Headers headers) {
        int size = 0;
        for (Header header : headers) {
            size += header.key().length() + (header.value() == null ? 0 : header.value().length) + 8;
        }
        return size;
    }

    /**
     * Empty headers that may be added to. A new {@link Record} makes its own, which spares main code the only
     * implementation Kafka has, in one of its internals packages.
     */
    static Headers freshHeaders() {
        return new Record<>(null, null, 0L).headers();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static Headers withoutRegistryHeaders(Headers original) {
        Headers headers = freshHeaders();
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
