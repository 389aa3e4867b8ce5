package io.riskstream.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.apache.kafka.common.TopicPartition;

import io.riskstream.devstack.ApicurioRegistryServer;
import io.riskstream.devstack.Dirs;
import io.riskstream.devstack.KafkaBroker;
import io.riskstream.devstack.LocalStack;
import io.riskstream.schemas.RegistryRules;
import io.riskstream.demo.DemoSiteEvents;
import io.riskstream.events.SiteEvent;
import io.riskstream.events.Transaction;
import io.riskstream.schemas.SchemaCatalog;

/**
 * The load harness ({@code bench/run-load}, see bench/README.md): on a fresh broker and registry of its own,
 * pre-loads transactions, measures the raw transactional copy of them, starts the app jar and measures how fast
 * it drains them, then the latency at a steady rate and the time a killed instance takes to decide again; prints
 * one table and keeps it in {@code .local/bench/}. Ctrl-C stops the app, the registry and the broker (devstack's
 * shutdown hook).
 */
public final class LoadHarness {

    static final String RAW_COPY = "raw transactional copy";
    static final String SCORING = "fraud scoring drain";
    static final Path RUNS = Path.of(".local", "bench");
    /** Pre-loaded transactions happened over this span before now: inside the app's 7 days of accepted past. */
    static final Duration PRELOAD_SPAN = Duration.ofHours(2);
    /** The app compiles its rulesets and starts its streams before the first decision: minutes on 2 busy cores. */
    static final Duration FIRST_DECISION_TIMEOUT = Duration.ofMinutes(5);
    /** No new decision for this long, while some are missing, ends a drain as stalled. */
    static final Duration STALL_TIMEOUT = Duration.ofMinutes(2);
    /** The steady phase's first seconds are not counted: the app's JIT and caches settle after the drain. */
    static final int WARMUP_SECONDS = 10;
    /** How long the latency waits for the last steady transactions' decisions. */
    static final Duration LATENCY_DRAIN = Duration.ofSeconds(30);
    static final Duration RESTART_TIMEOUT = Duration.ofMinutes(3);
    private static final long SEED = 20261126L;

    private LoadHarness() {
    }

    public static void main(String[] args) {
        // A transactional producer's first sends after each commit are retried while the commit completes
        // (CONCURRENT_TRANSACTIONS): expected, and a WARN line each would bury the harness's own lines.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.clients.producer.internals.Sender", "error");
        try {
            LoadOptions options = LoadOptions.parse(args);
            if (!Files.isRegularFile(options.appJar())) {
                System.err.println(options.appJar() + " not found: build with ./mvnw -DskipTests install first");
                System.exit(2);
            }
            run(options);
            System.exit(0);
        } catch (IllegalArgumentException e) {
            System.err.println("run-load: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("run-load failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    static void run(LoadOptions options) throws Exception {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path runDir = RUNS.resolve("run-" + stamp);
        Files.createDirectories(runDir);
        String runTag = Long.toString(System.currentTimeMillis(), 36);
        ResultTable table = new ResultTable();
        table.header("# Riskstream load run " + DateTimeFormatter.ISO_INSTANT.format(Instant.now()));
        table.header("");
        table.header("- machine: " + Machine.describe() + "; load average at start " + Machine.loadAverage());
        table.header(String.format(Locale.ROOT, "- settings: %,d transactions over %,d cards, %d partitions, %s%s%s, "
                        + "app args %s, app JVM args %s", options.transactions(), options.cards(), options.partitions(),
                options.steady() ? String.format(Locale.ROOT, "steady %,d tx/s for %d s", options.steadyRate(),
                        options.steadySeconds()) : "no steady phase nor restart",
                options.backtestBurst() > 0 ? String.format(Locale.ROOT, ", backtest cost over bursts of %,d",
                        options.backtestBurst()) : "",
                options.streams() ? String.format(Locale.ROOT, ", %,d site events", options.siteEvents()) : "",
                options.appArgs(), LocalStack.appJvmOptions(options.appJvmArgs())));
        table.header("- logs: " + runDir);

        step("starting a Kafka broker and Apicurio Registry (free ports, logs in " + runDir + ")");
        try (KafkaBroker kafka = KafkaBroker.start(0, runDir);
             ApicurioRegistryServer registry = ApicurioRegistryServer.start(0, runDir);
             Cluster cluster = new Cluster(kafka.bootstrapServers())) {
            new RegistryRules(registry.url()).apply(SchemaCatalog.load());
            step("broker " + kafka.bootstrapServers() + ", registry " + registry.url() + ", schema catalog applied");
            cluster.create(TransactionsTopic.NAME, options.partitions());
            preload(options, kafka, registry, runTag);

            if (options.copy()) {
                step("raw transactional copy of " + TransactionsTopic.NAME + " to " + RawCopy.TOPIC
                        + " (after a first pass to " + RawCopy.WARMUP_TOPIC + ")");
                cluster.create(RawCopy.WARMUP_TOPIC, options.partitions());
                cluster.create(RawCopy.TOPIC, options.partitions());
                Drain cold = RawCopy.run(kafka.bootstrapServers(), TransactionsTopic.NAME, RawCopy.WARMUP_TOPIC,
                        options.partitions(), options.transactions());
                table.note(String.format(Locale.ROOT, "raw copy, first (cold, not counted) pass: %,.0f/s",
                        cold.perSecond()));
                Drain copy = RawCopy.run(kafka.bootstrapServers(), TransactionsTopic.NAME, RawCopy.TOPIC,
                        options.partitions(), options.transactions());
                table.drain(copy);
                step(String.format(Locale.ROOT, "copied %,d records in %.1f s: %,.0f/s", copy.records(),
                        copy.millis() / 1000.0, copy.perSecond()));
            }

            AppProcess app = new AppProcess(options, kafka, registry, runDir.resolve("state"),
                    runDir.resolve("app.log"), List.of());
            try {
                measureApp(options, app, kafka, registry, cluster, table, runTag);
            } finally {
                step("stopping the app");
                app.stop();
            }
            if (options.streams()) {
                measureSiteEventStreams(options, kafka, registry, cluster, table, runDir);
            }
        }
        table.note("load average at end " + Machine.loadAverage());
        // The logs stay for a look after the run; the app's state (RocksDB) would only fill the disk run by run.
        Dirs.deleteRecursively(runDir.resolve("state"));
        String rendered = table.render();
        Path file = RUNS.resolve("load-" + stamp + ".md");
        Files.writeString(file, rendered);
        System.out.println();
        System.out.println(rendered);
        System.out.println("(written to " + file + ")");
    }

    private static void preload(LoadOptions options, KafkaBroker kafka, ApicurioRegistryServer registry,
                                String runTag) {
        step(String.format(Locale.ROOT, "pre-loading %,d transactions over %,d cards into %s (%d partitions)",
                options.transactions(), options.cards(), TransactionsTopic.NAME, options.partitions()));
        TransactionMaker maker = new TransactionMaker(options.cards(), runTag + "p", SEED);
        Instant end = Instant.now();
        Duration took = Preload.send(kafka.bootstrapServers(), registry.url(), TransactionsTopic.NAME,
                options.transactions(), i -> {
                    Transaction tx = maker.next(Preload.spread(end, PRELOAD_SPAN, i, options.transactions()));
                    return new Preload.Keyed<>(tx.getCardId(), tx);
                });
        step(String.format(Locale.ROOT, "pre-loaded in %.1f s: %,.0f/s", took.toMillis() / 1000.0,
                options.transactions() * 1000.0 / Math.max(took.toMillis(), 1)));
    }

    private static void measureApp(LoadOptions options, AppProcess app, KafkaBroker kafka,
                                   ApicurioRegistryServer registry, Cluster cluster, ResultTable table, String runTag)
            throws Exception {
        step("starting the app: " + String.join(" ", app.command()) + "  (log " + app.log() + ")");
        long started = app.start();
        try (DecisionWatcher watcher = new DecisionWatcher(kafka.bootstrapServers(), registry.url(),
                cluster.awaitTopic(DecisionWatcher.TOPIC, FIRST_DECISION_TIMEOUT))) {
            CpuTime cpu = new CpuTime(app.handle(), kafka.handle());
            Drain drain = awaitDrain(app, watcher, options.transactions(), started, cpu);
            table.drain(drain);
            table.note(cpu.perRecord(drain.records(), drain.millis()));
            step("  " + cpu.perRecord(drain.records(), drain.millis()));
            step(String.format(Locale.ROOT, "drained %,d decisions in %.1f s: %,.0f/s (first decision %.1f s after "
                            + "the app started)", drain.records(), drain.millis() / 1000.0, drain.perSecond(),
                    (watcher.firstSeen() - started) / 1000.0));
            table.note(String.format(Locale.ROOT, "the app's first decision came %.1f s after its process started",
                    (watcher.firstSeen() - started) / 1000.0));
            if (drain.complete()) {
                String course = DrainCourse.byQuarter(options.transactions(), DecisionWatcher.MILESTONE,
                        watcher.firstSeen(), watcher::seenAt);
                table.note("fraud scoring drain by quarter of the decisions: " + course);
                step("  by quarter: " + course);
            }
            if (options.steady() && drain.complete()) {
                steadyAndRestart(options, app, kafka, registry, watcher, table, runTag);
            }
            if (options.backtestBurst() > 0 && drain.complete()) {
                new BacktestCost(app, kafka, registry, watcher).measure(options, table, runTag, SEED + 2);
            }
            if (watcher.duplicates() > 0) {
                table.note("DUPLICATE decisions seen (same transactionId twice): " + watcher.duplicates());
            }
        }
    }

    /** Waits until {@code expected} distinct decisions are seen, the app dies, or the decisions stall. */
    private static Drain awaitDrain(AppProcess app, DecisionWatcher watcher, long expected, long started,
                                    CpuTime cpu) throws InterruptedException {
        StallWatch watch = new StallWatch(started, FIRST_DECISION_TIMEOUT, STALL_TIMEOUT);
        while (true) {
            long count = watcher.decisions();
            // From the first decision on, so the window ends with the last one (the count never falls back).
            if (count > 0) {
                cpu.sample();
            }
            long now = System.currentTimeMillis();
            if (count >= expected) {
                return new Drain(SCORING, count, watcher.lastSeen() - watcher.firstSeen(), true);
            }
            if (!app.alive()) {
                throw new IllegalStateException("the app exited during the drain; see " + app.log());
            }
            if (watch.stalled(count, now)) {
                step("the drain stalled at " + count + " of " + expected + " decisions; see " + app.log());
                return new Drain(SCORING, count, watcher.lastSeen() - watcher.firstSeen(), false);
            }
            if (watch.report(now)) {
                step(String.format(Locale.ROOT, "  %,d of %,d decisions", count, expected));
            }
            Thread.sleep(100);
        }
    }

    private static void steadyAndRestart(LoadOptions options, AppProcess app, KafkaBroker kafka,
                                         ApicurioRegistryServer registry, DecisionWatcher watcher, ResultTable table,
                                         String runTag) throws Exception {
        long start = System.currentTimeMillis();
        long from = start + WARMUP_SECONDS * 1000L;
        long until = start + options.steadySeconds() * 1000L;
        String prefix = "tx-" + runTag + "s-";
        watcher.measureLatency(prefix, from, until);
        step(String.format(Locale.ROOT, "steady load: %,d tx/s for %d s (latency counted after %d s)",
                options.steadyRate(), options.steadySeconds(), WARMUP_SECONDS));
        TransactionMaker maker = new TransactionMaker(options.cards(), runTag + "s", SEED + 1);
        try (SteadyLoad load = new SteadyLoad(kafka.bootstrapServers(), registry.url(), maker, options.steadyRate(),
                from, until)) {
            Thread.sleep(Math.max(0, until - System.currentTimeMillis()));
            long expected = load.inWindow();
            long deadline = System.currentTimeMillis() + LATENCY_DRAIN.toMillis();
            // Waiting with the load still on: the last measured decisions meet the same traffic as the others.
            while (watcher.latencyCount() < expected && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            Percentiles latency = new Percentiles(watcher.stopLatency());
            table.latency(new ResultTable.Latency(options.steadyRate(), options.steadySeconds(), WARMUP_SECONDS,
                    latency.count(), latency.at(50), latency.at(99), latency.at(99.9), latency.max(),
                    expected - latency.count()));
            step(String.format(Locale.ROOT, "latency over %,d decisions: p50 %d ms, p99 %d ms, p99.9 %d ms, max %d ms",
                    latency.count(), latency.at(50), latency.at(99), latency.at(99.9), latency.max()));

            step("restart: kill -9 the app, then start it again on the same state directory, load still on");
            app.kill();
            Long crashed = restartAndTime(app, watcher);
            table.restart(crashed, crashed == null ? "none within " + RESTART_TIMEOUT.toSeconds() + " s" : "");
            // A clean stop checkpoints the stores, so its restart restores nothing: the rolling-upgrade case.
            step("restart: stop the app cleanly (SIGTERM), then start it again on the same state directory");
            app.stop();
            Long clean = restartAndTime(app, watcher);
            table.note("clean restart (SIGTERM, start again on the same state): " + (clean == null
                    ? "no decision within " + RESTART_TIMEOUT.toSeconds() + " s"
                    : String.format(Locale.ROOT, "%.1f s from process start to its first decision", clean / 1000.0)));
            if (load.failed() > 0) {
                table.note("steady sends that failed: " + load.failed());
            }
        }
    }

    /** Starts the stopped app again; millis from its process start to its first decision, or null if none came. */
    private static Long restartAndTime(AppProcess app, DecisionWatcher watcher) throws Exception {
        // A transaction of the stopped producer in flight is aborted, not committed: nothing it did can be seen
        // after this pause, so the first decision seen after the new start is the new process's.
        Thread.sleep(500);
        watcher.markFrom(System.currentTimeMillis());
        long restarted = app.start();
        long first;
        long deadline = restarted + RESTART_TIMEOUT.toMillis();
        while ((first = watcher.firstAfterMark()) == 0 && System.currentTimeMillis() < deadline && app.alive()) {
            Thread.sleep(50);
        }
        if (first == 0) {
            return null;
        }
        step(String.format(Locale.ROOT, "first decision %.1f s after the new process started",
                (first - restarted) / 1000.0));
        return first - restarted;
    }

    /**
     * Pre-loads site events while no app runs, then starts the app once per site-event stream, that stream alone
     * ({@code spring.cloud.function.definition}), and times its drain by its group's commits: each figure is what
     * the stream does with the machine to itself, as the fraud drain is.
     */
    private static void measureSiteEventStreams(LoadOptions options, KafkaBroker kafka,
                                                ApicurioRegistryServer registry, Cluster cluster, ResultTable table,
                                                Path runDir) throws Exception {
        // The app created site-events with the run's partitions; the events span the time they take at this rate.
        List<TopicPartition> partitions = cluster.awaitTopic(SiteEventStream.TOPIC, Duration.ofSeconds(10));
        Instant start = Instant.now().minusMillis(options.siteEvents() * 1000L / SiteEventStream.PRELOAD_PER_SECOND);
        step(String.format(Locale.ROOT, "pre-loading %,d site events (the demo's shoppers, %d a second of event "
                + "time from %s)", options.siteEvents(), SiteEventStream.PRELOAD_PER_SECOND, start));
        List<SiteEvent> events = DemoSiteEvents.recorded(start, SiteEventStream.PRELOAD_PER_SECOND,
                options.siteEvents(), SEED);
        Duration took = Preload.send(kafka.bootstrapServers(), registry.url(), SiteEventStream.TOPIC, events.size(),
                i -> new Preload.Keyed<>(events.get(i).getUserId(), events.get(i)));
        step(String.format(Locale.ROOT, "pre-loaded in %.1f s", took.toMillis() / 1000.0));
        for (SiteEventStream stream : SiteEventStream.values()) {
            AppProcess app = new AppProcess(options, kafka, registry, runDir.resolve("state"),
                    runDir.resolve("app-" + stream.function + ".log"),
                    List.of("--spring.cloud.function.definition=" + stream.function));
            step("starting the app with " + stream.function + " alone (log " + app.log() + ")");
            app.start();
            try {
                Drain drain = GroupDrain.await(stream.row, cluster, stream.group, partitions, app,
                        FIRST_DECISION_TIMEOUT, STALL_TIMEOUT);
                table.drain(drain);
                step(String.format(Locale.ROOT, "%s: %,d records in %.1f s: %,.0f/s", stream.row, drain.records(),
                        drain.millis() / 1000.0, drain.perSecond()));
            } finally {
                app.stop();
            }
        }
    }

    static void step(String what) {
        System.out.println(DateTimeFormatter.ISO_LOCAL_TIME.withZone(ZoneOffset.UTC).format(Instant.now())
                .substring(0, 8) + " " + what);
    }
}
