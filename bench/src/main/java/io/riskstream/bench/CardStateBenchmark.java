package io.riskstream.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import io.riskstream.fraud.CardProfile;
import io.riskstream.fraud.CardProfileConfig;
import io.riskstream.fraud.CardProfileSerde;
import io.riskstream.fraud.CardProfileUpdater;

/**
 * The card state's share of the per-record step: encoding and decoding one card's state, the states being those
 * the scoring workload's measured transactions meet ({@link ScoringWorkload}). No rules, so it warms up fast.
 * Each iteration also prints its operations per CPU-second ({@link CpuClock}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class CardStateBenchmark extends CpuClock {

    private static final String STORE_TOPIC = "card-profiles";
    private static final CardProfileConfig CARD_PROFILE = new CardProfileConfig(16, 32, Duration.ofDays(90));

    private Serializer<CardProfile> writer;
    private Deserializer<CardProfile> reader;
    private CardProfile[] profiles;
    private byte[][] stored;
    private int next;

    @Setup
    public void setUp() {
        CardProfileSerde serde = new CardProfileSerde();
        writer = serde.serializer();
        reader = serde.deserializer();
        profiles = ScoringWorkload.build(new CardProfileUpdater(CARD_PROFILE)).stream()
                .map(ScoringWorkload.Case::before).toArray(CardProfile[]::new);
        stored = new byte[profiles.length][];
        long bytes = 0;
        for (int i = 0; i < profiles.length; i++) {
            stored[i] = writer.serialize(STORE_TOPIC, profiles[i]);
            bytes += stored[i].length;
        }
        System.out.printf("%d card states, %d bytes each on average%n", profiles.length, bytes / profiles.length);
    }

    @Benchmark
    public byte[] encode() {
        return writer.serialize(STORE_TOPIC, profiles[nextCase()]);
    }

    @Benchmark
    public CardProfile decode() {
        return reader.deserialize(STORE_TOPIC, stored[nextCase()]);
    }

    private int nextCase() {
        int i = next;
        next = (next + 1) & (profiles.length - 1);
        counted();
        return i;
    }
}
