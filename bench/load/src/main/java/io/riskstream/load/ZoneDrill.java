package io.riskstream.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;

import io.riskstream.devstack.ApicurioRegistryServer;
import io.riskstream.devstack.ChildProcess;
import io.riskstream.devstack.Dirs;
import io.riskstream.devstack.KafkaCluster;
import io.riskstream.devstack.KafkaNode;
import io.riskstream.devstack.LocalStack;
import io.riskstream.devstack.Ports;
import io.riskstream.devstack.StretchLayout;
import io.riskstream.schemas.RegistryRules;
import io.riskstream.schemas.SchemaCatalog;

/**
 * The zone drill (issue 15, docs/two-zones.md): a cluster stretched over zones a and b with a tie-breaker
 * controller in site c, the app in each zone, the zone keeper in each zone, and a gateway sending transactions at a
 * steady rate. Mid-stream every process of zone a is killed at once (kill -9); then zone a comes back; then (in the
 * full drill) zone b's app alone is killed, and then one broker. It prints the decisions lost and decided twice
 * (both must be 0), the time from each kill until decisions of new transactions flow again, latency before, during
 * and after, and the longest pause in decisions after the zone's return; it exits 1 if anything was lost or
 * decided twice, or decisions never came back.
 *
 * <pre>bench/run-zone-drill [--short] [--rate 100] [--phase-seconds 30]</pre>
 */
public final class ZoneDrill {

    private static final Duration FIRST_DECISION_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STEADY_TIMEOUT = Duration.ofMinutes(5);
    /** Keeping up: the decisions of the transactions sent over the last span all came within this. */
    private static final Duration STEADY_P99 = Duration.ofSeconds(1);
    private static final Duration STEADY_SPAN = Duration.ofSeconds(10);
    private static final int PARTITIONS = 6;
    private static final int CARDS = 5_000;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final boolean full;
    private final int rate;
    private final Duration phase;
    private final Path runDir;
    private final Path appJar = Path.of("app", "target", "riskstream.jar");
    private final List<String> report = new ArrayList<>();
    private final long started = System.currentTimeMillis();
    private KafkaCluster cluster;
    private ApicurioRegistryServer registry;
    private final Map<String, Instance> apps = new HashMap<>();
    private final Map<String, Instance> keepers = new HashMap<>();

    private ZoneDrill(boolean full, int rate, Duration phase, Path runDir) {
        this.full = full;
        this.rate = rate;
        this.phase = phase;
        this.runDir = runDir;
    }

    public static void main(String[] args) throws Exception {
        boolean full = true;
        int rate = 100;
        int phaseSeconds = 30;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--short" -> full = false;
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--phase-seconds" -> phaseSeconds = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: bench/run-zone-drill [--short] [--rate 100] [--phase-seconds 30]");
                    System.exit(2);
                }
            }
        }
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path runDir = Path.of(".local", "bench", "zone-drill-" + stamp).toAbsolutePath();
        Files.createDirectories(runDir);
        int exit = new ZoneDrill(full, rate, Duration.ofSeconds(phaseSeconds), runDir).run();
        System.exit(exit);
    }

    private int run() throws Exception {
        if (!Files.isRegularFile(appJar)) {
            throw new IllegalStateException(appJar + " is missing: build it first (bench/run-zone-drill does)");
        }
        StretchLayout layout = StretchLayout.twoZones();
        line("# Zone drill, " + Instant.now() + (full ? "" : " (short form)"));
        line("");
        line("- machine: " + Machine.describe() + "; load average at the start " + Machine.loadAverage());
        line("- cluster: controllers in a, b and c (3 voters); brokers " + layout.brokersPerZone() + " in a and "
                + layout.brokersPerZone() + " in b (broker.rack); replication factor " + layout.replicationFactor()
                + ", min.insync.replicas " + layout.minInsyncReplicas() + " (2 while a zone is out, set by the zone "
                + "keeper); the registry in c");
        line("- app: one instance in each zone, " + PARTITIONS + " partitions, 1 standby replica in the other zone, "
                + "fraud scoring alone; traffic: " + rate + " transactions/s over " + CARDS + " cards");
        step("starting the cluster (logs in " + runDir + ")");
        cluster = KafkaCluster.start(layout, runDir.resolve("cluster"), runDir);
        registry = ApicurioRegistryServer.start(0, runDir);
        new RegistryRules(registry.url()).apply(SchemaCatalog.load());
        for (String zone : layout.zones()) {
            keepers.put(zone, keeper(zone));
            apps.put(zone, app(zone));
        }
        keepers.values().forEach(Instance::start);
        apps.values().forEach(Instance::start);
        List<TopicPartition> decisionsTopic;
        try (Cluster admin = new Cluster(cluster.bootstrapServers())) {
            decisionsTopic = admin.awaitTopic(DecisionWatcher.TOPIC, Duration.ofMinutes(3));
            admin.awaitTopic(TransactionsTopic.NAME, Duration.ofMinutes(1));
        }
        try (DrillDecisions decisions = new DrillDecisions(cluster.bootstrapServers(), registry.url(), decisionsTopic);
             Admin admin = Admin.create(cluster.adminConfig())) {
            DrillTraffic traffic = new DrillTraffic(cluster.bootstrapServers(), registry.url(),
                    new TransactionMaker(CARDS, "zd", 15), rate);
            long trafficStart = System.currentTimeMillis();
            long first = awaitDecisionOfSentFrom(decisions, trafficStart, FIRST_DECISION_TIMEOUT);
            step("first decision " + (first - trafficStart) + " ms after the traffic started");
            long steady = awaitSteady(decisions, STEADY_TIMEOUT);
            step("decisions keep up (p99 under " + STEADY_P99.toMillis() + " ms over " + STEADY_SPAN.toSeconds()
                    + " s) " + (steady - first) + " ms after the first");
            long beforeFrom = System.currentTimeMillis();
            sleep(phase);

            step("killing every process of zone a at once: controller, brokers, app, keeper");
            LeaderWatch leaders = new LeaderWatch(cluster.adminConfig(), runDir.resolve("partitions-after-the-kill.log"));
            long zoneKill = killZone("a");
            long zoneRecovered = awaitDecisionOfSentFrom(decisions, zoneKill, RECOVERY_TIMEOUT);
            long zoneFirstBack = decisions.timeline().firstSeenOfSentFrom(zoneKill);
            step("decisions of new transactions flow again on every partition " + (zoneRecovered - zoneKill)
                    + " ms after the kill (on the first " + (zoneFirstBack - zoneKill) + " ms after)");
            sleep(phase);

            leaders.close();
            step("bringing zone a back");
            long zoneBack = System.currentTimeMillis();
            cluster.nodesIn("a").forEach(KafkaNode::start);
            keepers.get("a").start();
            apps.get("a").start();
            cluster.awaitBrokers(cluster.brokers().size(), SETTLE_TIMEOUT);
            long brokersBack = System.currentTimeMillis();
            long raised = awaitMinInsync(admin, String.valueOf(layout.minInsyncReplicas()), SETTLE_TIMEOUT);
            step("zone a's brokers live " + (brokersBack - zoneBack) + " ms after the restart; min.insync.replicas back"
                    + " to " + layout.minInsyncReplicas() + " after " + (raised - zoneBack) + " ms");
            sleep(phase);
            long afterUntil = System.currentTimeMillis();

            long appKill = 0;
            long appRecovered = 0;
            long brokerKill = 0;
            long brokerRecovered = 0;
            if (full) {
                step("killing zone b's app alone");
                appKill = System.currentTimeMillis();
                apps.get("b").kill();
                appRecovered = awaitDecisionOfSentFrom(decisions, appKill, RECOVERY_TIMEOUT);
                step("decisions flow again " + (appRecovered - appKill) + " ms after the kill; restarting it");
                apps.get("b").start();
                sleep(phase);
                KafkaNode broker = cluster.brokers().stream().filter(n -> n.site().equals("b")).findFirst()
                        .orElseThrow();
                step("killing one broker alone: " + broker);
                brokerKill = System.currentTimeMillis();
                broker.kill();
                brokerRecovered = awaitDecisionOfSentFrom(decisions, brokerKill, RECOVERY_TIMEOUT);
                step("decisions flow " + (brokerRecovered - brokerKill) + " ms after the kill; restarting it");
                broker.start();
                sleep(phase);
            }

            step("stopping the traffic and waiting for every acknowledged transaction's decision");
            traffic.close();
            Set<String> acknowledged = traffic.acknowledged();
            long deadline = System.currentTimeMillis() + RECOVERY_TIMEOUT.toMillis();
            while (decisions.missing(acknowledged) > 0 && System.currentTimeMillis() < deadline) {
                sleep(Duration.ofSeconds(1));
            }
            sleep(Duration.ofSeconds(5));
            long lost = decisions.missing(acknowledged);
            long twice = decisions.decidedTwice();

            line("");
            line("| measure | figure |");
            line("| --- | --- |");
            line(String.format(Locale.ROOT, "| transactions sent / acknowledged / given up by the gateway | %,d / %,d / %,d |",
                    traffic.sent(), acknowledged.size(), traffic.failed()));
            line("| **decisions lost** (acknowledged, never decided) | **" + lost + "** |");
            line("| **decided twice** (read_committed) | **" + twice + "** |");
            line("| zone a lost: kill to decisions of new transactions on every partition (RTO) / on the first | "
                    + seconds(zoneRecovered - zoneKill) + " / " + seconds(zoneFirstBack - zoneKill) + " |");
            line("| zone a lost: most partitions without a leader at once / last seen so | " + leaders.mostLeaderless()
                    + " / " + (leaders.lastLeaderless() == 0 ? "never" : seconds(leaders.lastLeaderless() - zoneKill)
                    + " after the kill") + " |");
            line("| zone a lost: partitions whose end offset could not be listed, last seen so | "
                    + (leaders.lastWithoutEndOffset() == 0 ? "never" : seconds(leaders.lastWithoutEndOffset()
                    - zoneKill) + " after the kill") + " |");
            line("| zone a back: brokers live / min.insync.replicas raised | " + seconds(brokersBack - zoneBack)
                    + " / " + seconds(raised - zoneBack) + " |");
            line("| longest pause in decisions from zone a's return to " + seconds(afterUntil - zoneBack)
                    + " later | " + seconds(decisions.timeline().longestPause(zoneBack, afterUntil)) + " |");
            if (full) {
                line("| zone b's app alone killed: RTO (every partition) | " + seconds(appRecovered - appKill) + " |");
                line("| one broker killed: kill to decisions of new transactions on every partition | "
                        + seconds(brokerRecovered - brokerKill) + " |");
            }
            line("| latency before (" + window(beforeFrom, zoneKill) + ") | "
                    + DrillDecisions.percentiles(decisions.timeline().latencies(beforeFrom, zoneKill)) + " |");
            line("| latency of transactions sent during the outage (" + window(zoneKill, zoneRecovered) + ") | "
                    + DrillDecisions.percentiles(decisions.timeline().latencies(zoneKill, zoneRecovered)) + " |");
            line("| latency with zone a out, after recovery (" + window(zoneRecovered, zoneBack) + ") | "
                    + DrillDecisions.percentiles(decisions.timeline().latencies(zoneRecovered, zoneBack)) + " |");
            line("| latency after zone a's return (" + window(zoneBack, afterUntil) + ") | "
                    + DrillDecisions.percentiles(decisions.timeline().latencies(zoneBack, afterUntil)) + " |");
            line("");
            line("Zone keeper b said:");
            line("");
            keepers.get("b").logLines("min.insync.replicas").forEach(said -> line("    " + said));
            line("");
            line("load average at the end " + Machine.loadAverage() + "; whole drill "
                    + seconds(System.currentTimeMillis() - started));
            Files.write(runDir.resolve("zone-drill.md"), report);
            step("report written to " + runDir.resolve("zone-drill.md"));
            boolean ok = lost == 0 && twice == 0;
            System.out.println(ok ? "ZONE DRILL PASSED" : "ZONE DRILL FAILED: lost " + lost + ", decided twice " + twice);
            return ok ? 0 : 1;
        } catch (RuntimeException e) {
            dumpPartitions();
            throw e;
        } finally {
            apps.values().forEach(Instance::stop);
            keepers.values().forEach(Instance::stop);
            registry.close();
            cluster.close();
        }
    }

    /** Kills every process of {@code zone} one right after another (milliseconds apart); the time of the first kill. */
    private long killZone(String zone) {
        long at = System.currentTimeMillis();
        apps.get(zone).kill();
        keepers.get(zone).kill();
        cluster.nodesIn(zone).forEach(KafkaNode::kill);
        return at;
    }

    /** When every partition had decided a transaction sent at or after {@code from}. */
    private long awaitDecisionOfSentFrom(DrillDecisions decisions, long from, Duration timeout) {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        long seen;
        while ((seen = decisions.timeline().everyPartitionSeenOfSentFrom(from, PARTITIONS)) == 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("not every partition decided a transaction sent after " + CLOCK.format(
                        Instant.ofEpochMilli(from)) + " within " + timeout.toSeconds() + " s; logs in " + runDir);
            }
            sleep(Duration.ofMillis(100));
        }
        return seen;
    }

    /** Every partition with its leader and replicas, into the run's folder: for a failure. */
    private void dumpPartitions() {
        try (Admin admin = Admin.create(cluster.adminConfig())) {
            List<String> lines = new ArrayList<>();
            LeaderWatch.describeAll(admin).forEach(topic -> topic.partitions()
                    .forEach(p -> lines.add(LeaderWatch.describe(topic.name(), p))));
            Files.write(runDir.resolve("partitions.txt"), lines);
            step("partitions at the failure: " + runDir.resolve("partitions.txt"));
        } catch (Exception e) {
            step("could not describe the partitions: " + e);
        }
    }

    /**
     * Waits until the app keeps up with the traffic (its start and warm-up leave a backlog): the p99 latency of the
     * transactions sent over the last {@link #STEADY_SPAN} under {@link #STEADY_P99}. A kill before that would measure
     * the backlog, not the failover. The time it was so.
     */
    private long awaitSteady(DrillDecisions decisions, Duration timeout) {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (true) {
            long now = System.currentTimeMillis();
            long[] recent = decisions.timeline().latencies(now - STEADY_SPAN.toMillis() - STEADY_P99.toMillis(),
                    now - STEADY_P99.toMillis());
            if (recent.length >= rate * STEADY_SPAN.toSeconds() * 9 / 10
                    && new Percentiles(recent).at(99) < STEADY_P99.toMillis()) {
                return now;
            }
            if (now > deadline) {
                throw new IllegalStateException("the app did not keep up with " + rate + " transactions/s within "
                        + timeout.toSeconds() + " s of its first decision: try a lower --rate; logs in " + runDir);
            }
            sleep(Duration.ofSeconds(1));
        }
    }

    private long awaitMinInsync(Admin admin, String value, Duration timeout) {
        ConfigResource clusterDefault = new ConfigResource(ConfigResource.Type.BROKER, "");
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < deadline) {
            try {
                Config config = admin.describeConfigs(List.of(clusterDefault)).all().get().get(clusterDefault);
                var entry = config.get("min.insync.replicas");
                if (entry != null && value.equals(entry.value())) {
                    return System.currentTimeMillis();
                }
            } catch (Exception notNow) {
                // a broker restarting: ask again
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException("min.insync.replicas was not " + value + " within " + timeout.toSeconds() + " s");
    }

    private Instance app(String zone) {
        List<String> command = LocalStack.appCommand(appJar);
        command.addAll(LocalStack.appArgs(cluster.bootstrapServers(), registry, List.of(
                "--riskstream.zone=" + zone,
                "--riskstream.topics.partitions=" + PARTITIONS,
                "--riskstream.topics.replication-factor=" + cluster.layout().replicationFactor(),
                "--riskstream.streams.standby-replicas=1",
                "--riskstream.streams.state-dir=" + runDir.resolve("state-" + zone),
                "--spring.cloud.function.definition=scoreTransactions",
                "--server.port=" + Ports.free())));
        return new Instance("app " + zone, command, LocalStack.appEnvironment(UUID.randomUUID().toString()),
                runDir.resolve("app-" + zone + ".log"));
    }

    private Instance keeper(String zone) {
        List<String> command = List.of(ChildProcess.java(), "-Xmx128m", "-jar", appJar.toString(), "zones", "keep",
                "--riskstream.kafka.bootstrap-servers=" + cluster.bootstrapServers(),
                "--riskstream.zones.names=" + String.join(",", cluster.layout().zones()),
                "--riskstream.zones.min-insync-replicas=" + cluster.layout().minInsyncReplicas(),
                "--riskstream.zones.degraded-min-insync-replicas=" + cluster.layout().brokersPerZone());
        return new Instance("zone keeper " + zone, command, Map.of(), runDir.resolve("keeper-" + zone + ".log"));
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String window(long from, long until) {
        return CLOCK.format(Instant.ofEpochMilli(from)) + "–" + CLOCK.format(Instant.ofEpochMilli(until)) + " UTC";
    }

    private void line(String text) {
        report.add(text);
        System.out.println(text);
    }

    private static void step(String what) {
        System.out.println("[" + CLOCK.format(Instant.now()) + "] " + what);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A process of the drill that is killed and started again: an app instance or a zone keeper. */
    private static final class Instance {
        private final String name;
        private final List<String> command;
        private final Map<String, String> environment;
        private final Path log;
        private ChildProcess process;
        private int starts;

        Instance(String name, List<String> command, Map<String, String> environment, Path log) {
            this.name = name;
            this.command = command;
            this.environment = environment;
            this.log = log;
        }

        void start() {
            try {
                starts++;
                process = ChildProcess.start(name, command, environment, Path.of("."), Dirs.logOfStart(log, starts));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + name, e);
            }
        }

        void kill() {
            process.kill();
        }

        void stop() {
            if (process != null) {
                process.close();
            }
        }

        /** The lines of every start's log that contain {@code text}. */
        List<String> logLines(String text) {
            List<String> lines = new ArrayList<>();
            for (int start = 1; start <= starts; start++) {
                Path file = Dirs.logOfStart(log, start);
                try {
                    Files.readAllLines(file).stream().filter(l -> l.contains(text)).forEach(lines::add);
                } catch (IOException e) {
                    lines.add("(cannot read " + file + ": " + e + ")");
                }
            }
            return lines;
        }
    }
}
