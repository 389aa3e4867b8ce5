package io.riskstream.platform;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Generated input for property-based tests of the topologies: good records mixed with every class of bad one
 * the contract knows, each with the fate it must meet. A test draws a list of {@link Shape}s and a seed (so that
 * jqwik shrinks a failure to the fewest, simplest records), and {@link Batch} turns them into records with unique
 * ids, by the topic's own {@link Subject} description.
 */
public final class HostileInputs {

    /** What must become of an input record. */
    public enum Fate {
        /** It is processed: its output exists (what that is, each topology says). */
        PROCESSED,
        /** It is in the dead-letter topic, once, with a reason. */
        DEAD_LETTER,
        /** It repeats an earlier record (a producer retry): no second output, and no dead letter. */
        SUPPRESSED
    }

    /** The kinds of input record, whatever the topic. */
    public enum Shape {
        GOOD(Fate.PROCESSED, null),
        /** A good record whose texts carry emoji, right-to-left marks and accents: still good. */
        GOOD_ODD_UNICODE(Fate.PROCESSED, null),
        /** The same bytes as an earlier good record, sent again. */
        RETRY(Fate.SUPPRESSED, null),
        RANDOM_BYTES(Fate.DEAD_LETTER, DeadLetterReason.UNDECODABLE),
        EMPTY_BYTES(Fate.DEAD_LETTER, DeadLetterReason.UNDECODABLE),
        TRUNCATED(Fate.DEAD_LETTER, DeadLetterReason.UNDECODABLE),
        UNKNOWN_SCHEMA(Fate.DEAD_LETTER, DeadLetterReason.UNDECODABLE),
        TOMBSTONE(Fate.DEAD_LETTER, DeadLetterReason.TOMBSTONE),
        WRONG_TYPE(Fate.DEAD_LETTER, DeadLetterReason.WRONG_TYPE),
        FUTURE_TIME(Fate.DEAD_LETTER, DeadLetterReason.EVENT_TIME),
        PAST_TIME(Fate.DEAD_LETTER, DeadLetterReason.EVENT_TIME),
        NULL_KEY(Fate.DEAD_LETTER, DeadLetterReason.INVALID),
        EMPTY_KEY(Fate.DEAD_LETTER, DeadLetterReason.INVALID),
        OTHER_KEY(Fate.DEAD_LETTER, DeadLetterReason.INVALID),
        HUGE_KEY(Fate.DEAD_LETTER, DeadLetterReason.INVALID),
        HUGE_HEADERS(Fate.DEAD_LETTER, DeadLetterReason.INVALID),
        /** One of the topic's own field-level violations ({@link Subject#invalid}). */
        INVALID_FIELD(Fate.DEAD_LETTER, DeadLetterReason.INVALID);

        private final Fate fate;
        private final DeadLetterReason reason;

        Shape(Fate fate, DeadLetterReason reason) {
            this.fate = fate;
            this.reason = reason;
        }

        public Fate fate() {
            return fate;
        }

        /** The reason code its dead letter must carry; null for records that are not dead-lettered. */
        public DeadLetterReason reason() {
            return reason;
        }
    }

    /**
     * How to make records of one input topic.
     *
     * @param good a good value for index {@code i} (unique id) at event time {@code time}
     * @param key the record key of a value (its id)
     * @param oddUnicode a good value's texts made odd but valid
     * @param invalid the topic's field-level violations, each breaking one rule of its validator
     * @param otherType a valid value of another governed type (for WRONG_TYPE)
     * @param serde the topic's value serde
     */
    public record Subject<T extends SpecificRecord>(Good<T> good, Function<T, String> key, UnaryOperator<T> oddUnicode,
                                                    List<UnaryOperator<T>> invalid, SpecificRecord otherType,
                                                    org.apache.kafka.common.serialization.Serde<T> serde) {
    }

    @FunctionalInterface
    public interface Good<T> {
        T make(int i, Instant time, Random random);
    }

    /** Generated records with their fates, in the order they are sent. */
    public record Batch(List<Input> inputs, Instant brokerTime) {

        public List<Input> withFate(Fate fate) {
            return inputs.stream().filter(input -> input.shape().fate() == fate).toList();
        }

        /** Sends every input, each with the broker's timestamp of now: the event time is the value's. */
        public void sendTo(TestInputTopic<String, byte[]> topic) {
            inputs.forEach(input -> topic.pipeInput(
                    new TestRecord<>(input.key(), input.value(), input.headers(), brokerTime)));
        }
    }

    /**
     * One record to send.
     *
     * @param offset its offset on the (single-partition) test input topic: dead letters name it in a header
     * @param eventTime the event time its value carries
     * @param decoded the decoded good value, for PROCESSED and SUPPRESSED records
     */
    public record Input(int offset, Shape shape, String key, byte[] value, Headers headers, Instant eventTime,
                        Object decoded) {
    }

    private HostileInputs() {
    }

    /** Shapes, about half of them good, so that good records keep moving the streams between bad ones. */
    public static Arbitrary<Shape> shapes() {
        List<Tuple.Tuple2<Integer, Shape>> weighted = new ArrayList<>();
        weighted.add(Tuple.of(20, Shape.GOOD));
        weighted.add(Tuple.of(2, Shape.GOOD_ODD_UNICODE));
        weighted.add(Tuple.of(2, Shape.RETRY));
        for (Shape shape : Shape.values()) {
            if (shape.fate() == Fate.DEAD_LETTER) {
                weighted.add(Tuple.of(shape == Shape.INVALID_FIELD ? 4 : 1, shape));
            }
        }
        return Arbitraries.frequency(weighted);
    }

    /**
     * Lists of 20 to 250 shapes. For a topic without duplicate suppression ({@code suppressesRetries} false), a
     * retry is just another good record, so none is drawn.
     */
    public static Arbitrary<List<Shape>> shapeLists(boolean suppressesRetries) {
        return shapes().map(shape -> shape == Shape.RETRY && !suppressesRetries ? Shape.GOOD : shape)
                .list().ofMinSize(20).ofMaxSize(250);
    }

    /**
     * Records of {@code shapes} for {@code subject}, good event times within {@code goodSpan} before {@code now}
     * (in order when {@code ordered}), bad ones as far outside {@code limits} as the seed says.
     */
    public static <T extends SpecificRecord> Batch batch(List<Shape> shapes, long seed, Subject<T> subject,
                                                         InputLimits limits, Duration goodSpan, boolean ordered) {
        Random random = new Random(seed);
        Instant now = limits.clock().instant();
        List<Input> inputs = new ArrayList<>();
        List<Input> goods = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            Shape shape = shapes.get(i);
            long spanMillis = Math.max(1, goodSpan.toMillis());
            Instant time = ordered ? now.minus(goodSpan).plusMillis(spanMillis * i / shapes.size())
                    : now.minusMillis((long) (random.nextDouble() * spanMillis));
            T good = subject.good().make(i, time, random);
            Input input = switch (shape) {
                case GOOD -> input(i, shape, subject.key().apply(good), encode(subject, good), time, good);
                case GOOD_ODD_UNICODE -> {
                    T odd = subject.oddUnicode().apply(good);
                    yield input(i, shape, subject.key().apply(odd), encode(subject, odd), time, odd);
                }
                case RETRY -> goods.isEmpty()
                        ? input(i, Shape.GOOD, subject.key().apply(good), encode(subject, good), time, good)
                        : retry(i, goods.get(random.nextInt(goods.size())));
                case RANDOM_BYTES -> {
                    byte[] bytes = new byte[random.nextInt(400)];
                    random.nextBytes(bytes);
                    yield input(i, shape, subject.key().apply(good), bytes, time, null);
                }
                case EMPTY_BYTES -> input(i, shape, subject.key().apply(good), new byte[0], time, null);
                case TRUNCATED -> {
                    byte[] whole = encode(subject, good);
                    byte[] cut = java.util.Arrays.copyOf(whole, random.nextInt(whole.length));
                    yield input(i, shape, subject.key().apply(good), cut, time, null);
                }
                case UNKNOWN_SCHEMA -> input(i, shape, subject.key().apply(good), unknownSchema(random), time, null);
                case TOMBSTONE -> input(i, shape, subject.key().apply(good), null, time, null);
                case WRONG_TYPE -> input(i, shape, subject.key().apply(good), encodeOther(subject.otherType()), time,
                        null);
                case FUTURE_TIME -> timed(i, shape, subject, good, futureOf(now, limits, random));
                case PAST_TIME -> timed(i, shape, subject, good, pastOf(now, limits, random));
                case NULL_KEY -> input(i, shape, null, encode(subject, good), time, null);
                case EMPTY_KEY -> input(i, shape, "", encode(subject, good), time, null);
                case OTHER_KEY -> input(i, shape, subject.key().apply(good) + "-other", encode(subject, good), time,
                        null);
                case HUGE_KEY -> input(i, shape, "k".repeat(100_000 + random.nextInt(100_000)), encode(subject, good),
                        time, null);
                case HUGE_HEADERS -> {
                    Headers headers = new RecordHeaders().add("baggage", new byte[70 * 1024 + random.nextInt(1024)]);
                    yield new Input(i, shape, subject.key().apply(good), encode(subject, good), headers, time, null);
                }
                case INVALID_FIELD -> {
                    T bad = subject.invalid().get(random.nextInt(subject.invalid().size())).apply(good);
                    yield input(i, shape, subject.key().apply(good), encode(subject, bad), time, null);
                }
            };
            if (input.shape() == Shape.GOOD || input.shape() == Shape.GOOD_ODD_UNICODE) {
                goods.add(input);
            }
            inputs.add(input);
        }
        return new Batch(inputs, now);
    }

    private static Input input(int offset, Shape shape, String key, byte[] value, Instant time, Object decoded) {
        return new Input(offset, shape, key, value, new RecordHeaders(), time, decoded);
    }

    private static Input retry(int offset, Input original) {
        return new Input(offset, Shape.RETRY, original.key(), original.value(), new RecordHeaders(),
                original.eventTime(), original.decoded());
    }

    private static <T extends SpecificRecord> Input timed(int offset, Shape shape, Subject<T> subject, T good,
                                                          Instant eventTime) {
        good.put(good.getSchema().getField(InputLimits.EVENT_TIME_FIELD).pos(), eventTime);
        return input(offset, shape, subject.key().apply(good), encode(subject, good), eventTime, null);
    }

    /** Just past the skew, or days, years or millennia ahead, or the last representable millisecond. */
    private static Instant futureOf(Instant now, InputLimits limits, Random random) {
        long ahead = limits.maxFutureSkew().toMillis() + 1;
        return switch (random.nextInt(4)) {
            case 0 -> now.plusMillis(ahead + random.nextInt(60_000));
            case 1 -> now.plus(Duration.ofDays(1 + random.nextInt(400)));
            case 2 -> now.plus(Duration.ofDays(365L * (10 + random.nextInt(5000))));
            default -> Instant.ofEpochMilli(Long.MAX_VALUE);
        };
    }

    /** Just past the age limit, years ago, before 1970, or the first representable millisecond. */
    private static Instant pastOf(Instant now, InputLimits limits, Random random) {
        long behind = limits.maxEventAge().toMillis() + 1;
        return switch (random.nextInt(4)) {
            case 0 -> now.minusMillis(behind + random.nextInt(60_000));
            case 1 -> now.minus(Duration.ofDays(365L * (1 + random.nextInt(50))));
            case 2 -> Instant.ofEpochMilli(-1 - random.nextInt(Integer.MAX_VALUE));
            default -> Instant.ofEpochMilli(Long.MIN_VALUE);
        };
    }

    /** Avro single-object encoding naming a schema fingerprint nobody registered. */
    private static byte[] unknownSchema(Random random) {
        ByteBuffer buffer = ByteBuffer.allocate(10 + random.nextInt(100)).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put((byte) 0xC3).put((byte) 0x01).putLong(random.nextLong());
        while (buffer.hasRemaining()) {
            buffer.put((byte) random.nextInt());
        }
        return buffer.array();
    }

    private static <T extends SpecificRecord> byte[] encode(Subject<T> subject, T value) {
        return subject.serde().serializer().serialize("test", value);
    }

    @SuppressWarnings("unchecked")
    private static <O extends SpecificRecord> byte[] encodeOther(SpecificRecord other) {
        O value = (O) other;
        return TestAvroSerde.of((Class<O>) value.getClass()).serializer().serialize("test", value);
    }
}
