package io.riskstream.operator;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.riskstream.platform.DeadLetters;
import io.riskstream.platform.KafkaClients;
import io.riskstream.platform.Topic;
import io.riskstream.platform.Topics;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code dead-letters list|replay <input>.dlq}: the dead letters of an input with their reasons, and chosen ones put
 * back on their input topic as they first came (key, bytes, original headers; the dead-letter headers dropped and
 * {@value #REPLAYED_FROM_HEADER} added), for when the cause is gone (a fixed producer, a fixed bug, a limit raised).
 *
 * <p>Exactly once: each replayed letter is written to its input in one transaction with a record of its replay on
 * {@value #REPLAYS}, compacted, keyed by the letter's place; a replay first reads that record of what was replayed
 * and skips it. Replaying again, or after a crash, or two replays at once (the later one fences the earlier:
 * one transactional id per dead-letter topic) puts no letter back twice.
 */
final class DeadLetterReplay {

    /** Where each replayed letter is recorded, in the same transaction as its replay. */
    static final String REPLAYS = "riskstream-dead-letter-replays";
    /** On a replayed record: {@code <dlq>/<partition>/<offset>} of the letter it came from. */
    static final String REPLAYED_FROM_HEADER = "riskstream.replayed-from";
    private static final int PER_TRANSACTION = 500;
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final KafkaClients kafka;
    private final short replicationFactor;
    private final RecordJson json;

    DeadLetterReplay(KafkaClients kafka, short replicationFactor, RecordJson json) {
        this.kafka = kafka;
        this.replicationFactor = replicationFactor;
        this.json = json;
    }

    /** Which letters a command takes: all, those of a reason code, or those at given places. */
    record Selection(Optional<String> reasonCode, Set<String> places) {

        static Selection all() {
            return new Selection(Optional.empty(), Set.of());
        }

        /** {@code places} as {@code partition:offset}, comma-separated. */
        static Selection at(String places) {
            Set<String> parsed = new HashSet<>();
            for (String place : places.split(",")) {
                String[] parts = place.trim().split(":");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("a letter is named partition:offset, not '" + place + "'");
                }
                parsed.add(Integer.parseInt(parts[0]) + ":" + Long.parseLong(parts[1]));
            }
            return new Selection(Optional.empty(), Set.copyOf(parsed));
        }

        boolean takes(ConsumerRecord<byte[], byte[]> letter) {
            return reasonCode.map(code -> code.equals(header(letter, DeadLetters.REASON_CODE_HEADER))).orElse(true)
                    && (places.isEmpty() || places.contains(letter.partition() + ":" + letter.offset()));
        }
    }

    /** Prints each letter {@code selection} takes as a JSON line; returns how many. */
    long list(String deadLetterTopic, Selection selection, PrintStream out) {
        Topic<?> input = inputOf(deadLetterTopic);
        Set<String> replayed = replayed(deadLetterTopic);
        long listed = 0;
        for (ConsumerRecord<byte[], byte[]> letter : read(deadLetterTopic, selection::takes)) {
            ObjectNode line = describe(letter);
            line.put("replayed", replayed.contains(place(letter)));
            replayable(letter, input).ifPresent(why -> line.put("notReplayable", why));
            out.println(RecordJson.line(line));
            listed++;
        }
        out.flush();
        return listed;
    }

    /** What a replay did: letters put back, letters already put back before, letters that cannot be. */
    record Outcome(long replayed, long alreadyReplayed, long refused) {
    }

    /** Puts back each letter {@code selection} takes that was not put back before; prints one JSON line per letter. */
    Outcome replay(String deadLetterTopic, Selection selection, boolean dryRun, PrintStream out) {
        Topic<?> input = inputOf(deadLetterTopic);
        createReplaysTopic();
        Map<String, Object> config = new HashMap<>(kafka.producer());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "riskstream-dlq-replay-" + deadLetterTopic);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "riskstream-dlq-replay");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        long replayed = 0;
        long already = 0;
        long refused = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            // Before reading what was replayed: fences an earlier replay of this topic and ends its transaction.
            producer.initTransactions();
            Set<String> done = replayed(deadLetterTopic);
            List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> letter : read(deadLetterTopic, selection::takes)) {
                ObjectNode line = describe(letter);
                Optional<String> problem = replayable(letter, input);
                if (done.contains(place(letter))) {
                    line.put("outcome", "already-replayed");
                    already++;
                } else if (problem.isPresent()) {
                    line.put("outcome", "refused").put("why", problem.get());
                    refused++;
                } else {
                    line.put("outcome", dryRun ? "would-replay" : "replayed");
                    batch.add(letter);
                    replayed++;
                }
                out.println(RecordJson.line(line));
                if (!dryRun && batch.size() == PER_TRANSACTION) {
                    putBack(producer, batch, input, deadLetterTopic);
                }
            }
            if (!dryRun && !batch.isEmpty()) {
                putBack(producer, batch, input, deadLetterTopic);
            }
        }
        out.flush();
        return new Outcome(replayed, already, refused);
    }

    private static void putBack(KafkaProducer<byte[], byte[]> producer, List<ConsumerRecord<byte[], byte[]>> batch,
                                Topic<?> input, String deadLetterTopic) {
        producer.beginTransaction();
        for (ConsumerRecord<byte[], byte[]> letter : batch) {
            List<Header> headers = new ArrayList<>();
            for (Header header : letter.headers()) {
                if (!header.key().startsWith(DeadLetters.HEADER_PREFIX)) {
                    headers.add(header);
                }
            }
            String place = place(letter);
            headers.add(new ReplayedFrom(replayKey(deadLetterTopic, place)));
            producer.send(new ProducerRecord<>(input.name(), null, letter.key(), letter.value(), headers));
            String record = "{\"replayedAt\":\"" + Instant.now() + "\",\"to\":\"" + input.name() + "\"}";
            producer.send(new ProducerRecord<>(REPLAYS, replayKey(deadLetterTopic, place),
                    record.getBytes(StandardCharsets.UTF_8)));
        }
        // A failure here aborts the whole batch (the producer closes without committing): nothing of it was put back.
        producer.commitTransaction();
        batch.clear();
    }

    /** Why {@code letter} cannot go back as it came, if it cannot. */
    private static Optional<String> replayable(ConsumerRecord<byte[], byte[]> letter, Topic<?> input) {
        if (!input.name().equals(header(letter, DeadLetters.TOPIC_HEADER))) {
            return Optional.of("it came from " + header(letter, DeadLetters.TOPIC_HEADER) + ", not " + input.name());
        }
        if (header(letter, DeadLetters.TRUNCATED_VALUE_HEADER) != null
                || header(letter, DeadLetters.TRUNCATED_KEY_HEADER) != null) {
            return Optional.of("only the start of its key or value was kept (too large to copy whole)");
        }
        return Optional.empty();
    }

    private ObjectNode describe(ConsumerRecord<byte[], byte[]> letter) {
        ObjectNode line = json.of(letter);
        line.put("reasonCode", header(letter, DeadLetters.REASON_CODE_HEADER));
        line.put("reason", header(letter, DeadLetters.REASON_HEADER));
        return line;
    }

    /** The input whose dead letters {@code deadLetterTopic} holds; only inputs have them. */
    private static Topic<?> inputOf(String deadLetterTopic) {
        return Topics.INPUTS.stream().filter(input -> input.deadLetterTopic().equals(deadLetterTopic)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(deadLetterTopic + " is not a dead-letter topic; they are "
                        + String.join(", ", Topics.INPUTS.stream().map(Topic::deadLetterTopic).toList())));
    }

    /** The places ({@code partition:offset}) of the letters of {@code deadLetterTopic} put back before. */
    private Set<String> replayed(String deadLetterTopic) {
        Set<String> places = new HashSet<>();
        String prefix = deadLetterTopic + "/";
        for (ConsumerRecord<byte[], byte[]> replay : read(REPLAYS, record -> true)) {
            String key = new String(replay.key(), StandardCharsets.UTF_8);
            if (key.startsWith(prefix)) {
                places.add(key.substring(prefix.length()).replace('/', ':'));
            }
        }
        return places;
    }

    /** Every committed record of {@code topic} up to where it ends now that {@code selected} takes. */
    private List<ConsumerRecord<byte[], byte[]>> read(String topic, Predicate<ConsumerRecord<byte[], byte[]>> selected) {
        Map<String, Object> config = new HashMap<>(kafka.consumer());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "riskstream-dlq-replay");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (!partitions.stream().allMatch(partition -> consumer.position(partition) >= end.get(partition))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < end.get(new TopicPartition(topic, record.partition()))
                            && selected.test(record)) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    private void createReplaysTopic() {
        try (Admin admin = Admin.create(kafka.consumer())) {
            admin.createTopics(List.of(new NewTopic(REPLAYS, 1, replicationFactor).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + REPLAYS + ": " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + REPLAYS, e);
        }
    }

    /** The {@value #REPLAYED_FROM_HEADER} header (Kafka's own header classes are internal). */
    private record ReplayedFrom(byte[] value) implements Header {
        @Override
        public String key() {
            return REPLAYED_FROM_HEADER;
        }
    }

    private static String place(ConsumerRecord<?, ?> letter) {
        return letter.partition() + ":" + letter.offset();
    }

    private static byte[] replayKey(String deadLetterTopic, String place) {
        return (deadLetterTopic + "/" + place.replace(':', '/')).getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<?, ?> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
