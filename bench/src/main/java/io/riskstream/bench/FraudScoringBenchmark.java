package io.riskstream.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import io.riskstream.events.FraudDecision;
import io.riskstream.fraud.CardProfile;
import io.riskstream.fraud.CardProfileConfig;
import io.riskstream.fraud.CardProfileSerde;
import io.riskstream.fraud.CardProfileUpdater;
import io.riskstream.fraud.CardSnapshot;
import io.riskstream.fraud.FraudScorer;
import io.riskstream.rules.engine.EvaluationLimits;
import io.riskstream.rules.engine.RuleEvaluator;
import io.riskstream.rules.engine.RuleSetCompiler;
import io.riskstream.rules.lifecycle.ActiveRuleSets;
import io.riskstream.rules.lifecycle.RuleSetFiles;

/**
 * Transactions per second on one thread through the starter {@code fraud} ruleset ({@link #rulesOnly}), and
 * through the whole per-record step of the scoring stream ({@link #fullStep}: read the card's state from its
 * stored bytes, snapshot, score, update, write the bytes back), with the same step without the rules
 * ({@link #stepWithoutRules}) so that the rules' share of it is the difference.
 *
 * <p>Each iteration also prints its operations per CPU-second of the benchmark thread: on a machine shared with
 * other work the thread is often off the CPU, and that figure, unlike JMH's wall-clock score, does not count
 * the time it waited.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
// Steady state comes late: the rules' compiled constraints and the JIT need some 15-30 s (more on a busy
// machine); a short warm-up measures the ramp, not the rules.
@Warmup(iterations = 15, time = 2)
@Measurement(iterations = 5, time = 2)
public class FraudScoringBenchmark extends CpuClock {

    /** The ruleset's version in the decisions; any positive number. */
    private static final long VERSION = 1;
    /** The store's changelog topic name; the card-state serde ignores it. */
    private static final String STORE_TOPIC = "card-profiles";
    private static final List<Path> RULES_CANDIDATES = List.of(Path.of("rules", "fraud"),
            Path.of("..", "rules", "fraud"));
    /** The app's defaults for the remembered countries and merchants and the idle expiry. */
    private static final CardProfileConfig CARD_PROFILE = new CardProfileConfig(16, 32, Duration.ofDays(90));

    /** The fraud ruleset's directory; blank finds {@code rules/fraud} from the repository root or a module. */
    @Param("")
    public String rulesDir;

    private FraudScorer scorer;
    private CardProfileUpdater updater;
    private Serializer<CardProfile> writer;
    private Deserializer<CardProfile> reader;
    private ScoringWorkload.Case[] cases;
    private CardSnapshot[] snapshots;
    private byte[][] stored;
    private int next;

    @Setup
    public void setUp() {
        RuleSetFiles files = RuleSetFiles.read(rulesDirectory());
        ActiveRuleSets rules = new ActiveRuleSets(new RuleEvaluator(EvaluationLimits.DEFAULTS), Clock.systemUTC());
        rules.activate(new RuleSetCompiler().compile(FraudScorer.RULESET, VERSION, files.drl()));
        scorer = new FraudScorer(rules, Clock.systemUTC());
        updater = new CardProfileUpdater(CARD_PROFILE);
        CardProfileSerde serde = new CardProfileSerde();
        writer = serde.serializer();
        reader = serde.deserializer();
        cases = ScoringWorkload.build(updater).toArray(ScoringWorkload.Case[]::new);
        snapshots = new CardSnapshot[cases.length];
        stored = new byte[cases.length][];
        for (int i = 0; i < cases.length; i++) {
            snapshots[i] = cases[i].before().snapshotAt(cases[i].tx().getEventTime());
            stored[i] = writer.serialize(STORE_TOPIC, cases[i].before());
        }
        System.out.println(WorkloadMix.of(scorer, cases, snapshots));
    }

    @Benchmark
    public FraudDecision rulesOnly() {
        int i = nextCase();
        return scorer.score(cases[i].tx(), snapshots[i]);
    }

    @Benchmark
    public byte[] fullStep(Blackhole decisions) {
        int i = nextCase();
        CardProfile before = reader.deserialize(STORE_TOPIC, stored[i]);
        decisions.consume(scorer.score(cases[i].tx(), before.snapshotAt(cases[i].tx().getEventTime())));
        return writer.serialize(STORE_TOPIC, updater.apply(before, cases[i].tx()));
    }

    @Benchmark
    public byte[] stepWithoutRules(Blackhole snapshot) {
        int i = nextCase();
        CardProfile before = reader.deserialize(STORE_TOPIC, stored[i]);
        snapshot.consume(before.snapshotAt(cases[i].tx().getEventTime()));
        return writer.serialize(STORE_TOPIC, updater.apply(before, cases[i].tx()));
    }

    private int nextCase() {
        int i = next;
        next = (next + 1) & (cases.length - 1);
        counted();
        return i;
    }

    private Path rulesDirectory() {
        if (!rulesDir.isBlank()) {
            return Path.of(rulesDir);
        }
        return RULES_CANDIDATES.stream().filter(Files::isDirectory).findFirst().orElseThrow(() ->
                new IllegalStateException("no rules/fraud under " + Path.of("").toAbsolutePath()
                        + "; run from the repository root or pass -p rulesDir=<path to rules/fraud>"));
    }
}
