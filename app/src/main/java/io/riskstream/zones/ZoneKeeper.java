package io.riskstream.zones;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Keeps a cluster stretched over two zones writing when one zone is lost, without giving up, while both are in,
 * that every acknowledged write is in both (docs/two-zones.md). Normally {@code min.insync.replicas} is
 * {@link ZoneSettings#minInsyncReplicas()} (3 of 4 replicas, two per zone: no write is acknowledged by one zone
 * alone); when a zone has no live broker, no partition can reach that count and every write would be refused, so
 * the keeper lowers it to {@link ZoneSettings#degradedMinInsyncReplicas()} (what one zone holds) and raises it back
 * once the zone has returned and caught up ({@link ZonePolicy}).
 *
 * <p>It changes the cluster-wide default and every topic-level {@code min.insync.replicas} (Kafka's transaction log
 * has one, and so have the streams' internal topics): in a two-zone cluster those values are the keeper's. Its state
 * is the cluster's own (whether the default is the lowered value), so a keeper in each zone, or a restarted one,
 * agrees with the last; a change needs the metadata quorum, so a keeper cut off with a minority zone changes
 * nothing. It needs {@code ALTER_CONFIGS} and {@code DESCRIBE_CONFIGS} on the cluster and topics: give it a
 * principal of its own, not the app's.
 */
public final class ZoneKeeper {

    private static final String MIN_INSYNC = TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final ConfigResource CLUSTER_DEFAULT = new ConfigResource(ConfigResource.Type.BROKER, "");

    private final Admin admin;
    private final ZoneSettings settings;
    private final ZonePolicy policy;
    private final PrintStream out;
    private final Predicate<Node> reachability;

    public ZoneKeeper(Admin admin, ZoneSettings settings, PrintStream out) {
        this(admin, settings, out, ZoneKeeper::acceptsConnections);
    }

    ZoneKeeper(Admin admin, ZoneSettings settings, PrintStream out, Predicate<Node> reachability) {
        this.admin = admin;
        this.settings = settings;
        this.policy = new ZonePolicy(settings);
        this.out = out;
        this.reachability = reachability;
    }

    /**
     * {@code connection} with short timeouts: a keeper whose request waits a minute on a dying zone's broker would
     * lower the count a minute late.
     */
    public static Map<String, Object> adminConfig(Map<String, Object> connection) {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT.toMillis());
        return config;
    }

    /** Whether {@code broker}'s listener accepts a TCP connection within a second: a process is there to answer. */
    static boolean acceptsConnections(Node broker) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(broker.host(), broker.port()), (int) CONNECT_TIMEOUT.toMillis());
            return true;
        } catch (IOException unreachable) {
            return false;
        }
    }

    /** Checks the cluster every {@link ZoneSettings#checkInterval()} until {@code stop} says so. */
    public void run(BooleanSupplier stop) throws InterruptedException {
        say("keeping min.insync.replicas at " + settings.minInsyncReplicas() + " while zones " + settings.names()
                + " are all in, " + settings.degradedMinInsyncReplicas() + " while one is out");
        while (!stop.getAsBoolean()) {
            try {
                check();
            } catch (ExecutionException | RuntimeException e) {
                // A zone going is when requests fail: look again at the next tick rather than stop keeping.
                say("could not check the cluster: " + (e.getCause() != null ? e.getCause() : e));
            }
            Thread.sleep(settings.checkInterval().toMillis());
        }
    }

    /**
     * One look at the cluster and the change it calls for ({@code zones keep --once}): {@code LOWER}, {@code RAISE} or
     * {@code NOTHING}. Fails when the cluster cannot be asked.
     */
    public String checkOnce() throws InterruptedException {
        try {
            return check().name();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not check the cluster: " + e.getCause(), e.getCause());
        }
    }

    /** One look at the cluster, and the change it calls for; the action taken. */
    ZonePolicy.Action check() throws ExecutionException, InterruptedException {
        boolean lowered = lowered();
        ZonePolicy.ClusterState cluster = clusterState(lowered);
        ZonePolicy.Action action = policy.next(lowered, cluster);
        switch (action) {
            case LOWER -> {
                set(settings.degradedMinInsyncReplicas(), value -> value > settings.degradedMinInsyncReplicas());
                say("zone(s) " + policy.missingZones(cluster) + " have no live broker: min.insync.replicas lowered to "
                        + settings.degradedMinInsyncReplicas() + "; acknowledged writes are now in one zone only");
            }
            case RAISE -> {
                set(settings.minInsyncReplicas(), value -> value == settings.degradedMinInsyncReplicas());
                say("every zone is back and every partition in sync: min.insync.replicas raised to "
                        + settings.minInsyncReplicas());
            }
            case NOTHING -> {
            }
        }
        return action;
    }

    /** Whether the cluster-wide default is the lowered value (set by a keeper, this one or another). */
    private boolean lowered() throws ExecutionException, InterruptedException {
        Config defaults = admin.describeConfigs(List.of(CLUSTER_DEFAULT)).all().get().get(CLUSTER_DEFAULT);
        ConfigEntry entry = defaults.get(MIN_INSYNC);
        return entry != null && entry.source() == ConfigEntry.ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG
                && Integer.parseInt(entry.value()) == settings.degradedMinInsyncReplicas();
    }

    /**
     * The cluster as the keeper acts on it. A broker counts as live when the cluster lists it (the controllers have
     * not fenced it) and it accepts a connection: a dead zone is seen within a couple of checks, before the controllers
     * fence its brokers (some 9 s), so that the partitions' new leaders are elected with the lowered count. A leader
     * elected under the normal count does not advance its high watermark when the count is lowered afterwards, until
     * something is written to it (Kafka 4.1, KAFKA-15583): its readers, and the streams' assignor listing changelog
     * end offsets, wait for a minute (docs/two-zones.md).
     */
    private ZonePolicy.ClusterState clusterState(boolean lowered) throws ExecutionException, InterruptedException {
        Map<String, Integer> live = new HashMap<>();
        for (Node broker : admin.describeCluster().nodes().get()) {
            if (broker.hasRack()) {
                live.merge(broker.rack(), reachability.test(broker) ? 1 : 0, Integer::sum);
            }
        }
        List<ZonePolicy.PartitionState> partitions = new ArrayList<>();
        if (!lowered) {
            // The partitions decide only whether a lowered count goes back up: a keeper of a healthy cluster does not
            // describe every topic every second.
            return new ZonePolicy.ClusterState(live, partitions);
        }
        Collection<TopicDescription> topics = admin.describeTopics(topicNames()).allTopicNames().get().values();
        for (TopicDescription topic : topics) {
            topic.partitions().forEach(p -> partitions.add(new ZonePolicy.PartitionState(topic.name(), p.partition(),
                    p.replicas().size(), p.isr().size())));
        }
        return new ZonePolicy.ClusterState(live, partitions);
    }

    private Collection<String> topicNames() throws ExecutionException, InterruptedException {
        return admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
    }

    /**
     * Sets every topic-level value that {@code change} picks to {@code value}, then the cluster-wide default: the
     * default last, because it is what marks the change as made, so that a keeper stopped half way leaves the cluster
     * looking unchanged and the next check (of any keeper) makes the whole change again.
     */
    private void set(int value, IntPredicate change) throws ExecutionException, InterruptedException {
        AlterConfigOp op = new AlterConfigOp(new ConfigEntry(MIN_INSYNC, Integer.toString(value)),
                AlterConfigOp.OpType.SET);
        List<ConfigResource> topics = topicNames().stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, Collection<AlterConfigOp>> overrides = new HashMap<>();
        admin.describeConfigs(topics).all().get().forEach((topic, config) -> topicLevel(config)
                .filter(change::test).ifPresent(current -> overrides.put(topic, List.of(op))));
        if (!overrides.isEmpty()) {
            admin.incrementalAlterConfigs(overrides).all().get();
        }
        admin.incrementalAlterConfigs(Map.of(CLUSTER_DEFAULT, List.of(op))).all().get();
    }

    private static Optional<Integer> topicLevel(Config config) {
        ConfigEntry entry = config.get(MIN_INSYNC);
        return entry != null && entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG
                ? Optional.of(Integer.parseInt(entry.value())) : Optional.empty();
    }

    private void say(String what) {
        out.println(Instant.now() + " " + what);
        out.flush();
    }
}
