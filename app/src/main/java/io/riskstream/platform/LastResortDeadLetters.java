package io.riskstream.platform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Metrics;

/**
 * The path of last resort to a dead-letter topic, for what the topology's own checks did not foresee: a processor
 * that throws for one record (a bug), or an output the broker refuses. Kafka Streams 4.1's handlers cannot add a
 * record to the task's transaction, so the source record as it was read (its raw key, value and headers) is
 * written by a producer of its own, synchronously, before the handler lets the stream go on: never lost, and
 * the stream never stops for it; but outside the transaction, so a crash between this write and the task's
 * commit can write the same letter twice. What the checks catch — every class of bad input known — goes through
 * {@link DeadLetters#route} instead, exactly once.
 *
 * <p>One producer per dead-letter topic and JVM, made on first use from the stream's own client settings (so that
 * security settings reach it too), closed when the JVM exits.
 */
public final class LastResortDeadLetters {

    /** Streams configuration entry naming the stream's dead-letter topic: see application.yml. */
    public static final String DEAD_LETTER_TOPIC_CONFIG = "riskstream.dead-letter-topic";
    /** Last-resort dead letters by topic and reason. */
    public static final String METRIC = "riskstream.dead.letters.last.resort";
    /** Streams configuration entry with a producer instance to write with instead of a new one (tests). */
    static final String PRODUCER_CONFIG = "riskstream.last-resort.producer";

    private static final Logger LOG = LoggerFactory.getLogger(LastResortDeadLetters.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final Map<String, LastResortDeadLetters> BY_TOPIC = new ConcurrentHashMap<>();
    private static final Set<String> NOT_COPIED = Set.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.CLIENT_ID_CONFIG, ProducerConfig.INTERCEPTOR_CLASSES_CONFIG);

    private final String topic;
    private final String stream;
    private final Producer<byte[], byte[]> producer;

    private LastResortDeadLetters(String topic, String stream, Producer<byte[], byte[]> producer) {
        this.topic = topic;
        this.stream = stream;
        this.producer = producer;
    }

    /** The last-resort writer of the stream configured by {@code streamsConfig}. */
    static LastResortDeadLetters of(Map<String, ?> streamsConfig) {
        Object configured = streamsConfig.get(DEAD_LETTER_TOPIC_CONFIG);
        if (configured == null) {
            throw new IllegalStateException(DEAD_LETTER_TOPIC_CONFIG + " is not set for stream "
                    + streamsConfig.get(StreamsConfig.APPLICATION_ID_CONFIG));
        }
        String topic = configured.toString();
        String stream = String.valueOf(streamsConfig.get(StreamsConfig.APPLICATION_ID_CONFIG));
        if (streamsConfig.get(PRODUCER_CONFIG) instanceof Producer<?, ?> given) {
            @SuppressWarnings("unchecked")
            Producer<byte[], byte[]> producer = (Producer<byte[], byte[]>) given;
            return new LastResortDeadLetters(topic, stream, producer);
        }
        return BY_TOPIC.computeIfAbsent(topic + "/" + stream,
                key -> new LastResortDeadLetters(topic, stream, producer(streamsConfig, stream)));
    }

    private static Producer<byte[], byte[]> producer(Map<String, ?> streamsConfig, String stream) {
        Map<String, Object> config = new HashMap<>();
        Set<String> producerSettings = ProducerConfig.configNames();
        streamsConfig.forEach((key, value) -> {
            if (producerSettings.contains(key) && !NOT_COPIED.contains(key)) {
                config.put(key, value);
            }
        });
        streamsConfig.forEach((key, value) -> {
            String name = key.startsWith(StreamsConfig.PRODUCER_PREFIX)
                    ? key.substring(StreamsConfig.PRODUCER_PREFIX.length()) : null;
            if (name != null && !NOT_COPIED.contains(name)) {
                config.put(name, value);
            }
        });
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, stream + "-last-resort-dead-letters");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> producer.close(Duration.ofSeconds(5)),
                stream + "-last-resort-close"));
        return producer;
    }

    /**
     * Writes the source record of {@code context} to the dead-letter topic and waits until the broker has it.
     *
     * @return whether it was written; when it was not, the caller must fail, so that the record is read again
     */
    boolean write(ErrorHandlerContext context, DeadLetterReason reason, String what, Exception error) {
        Headers headers = DeadLetterMarker.freshHeaders();
        if (context.headers() != null) {
            for (Header header : context.headers()) {
                if (!header.key().startsWith(DeadLetters.HEADER_PREFIX)) {
                    headers.add(header);
                }
            }
        }
        add(headers, DeadLetters.TOPIC_HEADER, String.valueOf(context.topic()));
        add(headers, DeadLetters.PARTITION_HEADER, String.valueOf(context.partition()));
        add(headers, DeadLetters.OFFSET_HEADER, String.valueOf(context.offset()));
        add(headers, DeadLetters.ERROR_CLASS_HEADER, error.getClass().getName());
        add(headers, DeadLetters.REASON_CODE_HEADER, reason.code());
        add(headers, DeadLetters.REASON_HEADER, what + ": " + DeadLetterMarker.reason(error));
        add(headers, DeadLetters.STREAM_HEADER, stream);
        byte[] value = context.sourceRawValue();
        try {
            try {
                send(context.sourceRawKey(), value, headers);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RecordTooLargeException) || value == null) {
                    throw e;
                }
                // Too large even for the dead-letter topic: the letter says where the record is, how large it was
                // and its sha256, so that it can still be found and checked on the input topic.
                add(headers, DeadLetters.TRUNCATED_VALUE_HEADER, String.valueOf(value.length));
                add(headers, DeadLetters.VALUE_SHA256_HEADER, DeadLetterMarker.sha256(value));
                send(context.sourceRawKey(), new byte[0], headers);
            }
            Metrics.counter(METRIC, "topic", topic, "reason", reason.code()).increment();
            LOG.error("{} {}-{}@{} in node {} ({}); the record as read is in {}", what, context.topic(),
                    context.partition(), context.offset(), context.processorNodeId(), stream, topic, error);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            LOG.error("{} {}-{}@{} in node {} ({}), and it could not be written to {} either: the stream fails and "
                    + "reads it again", what, context.topic(), context.partition(), context.offset(),
                    context.processorNodeId(), stream, topic, e);
            return false;
        }
    }

    private void send(byte[] key, byte[] value, Headers headers)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        producer.send(new ProducerRecord<>(topic, null, System.currentTimeMillis(), key, value, headers))
                .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void add(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
