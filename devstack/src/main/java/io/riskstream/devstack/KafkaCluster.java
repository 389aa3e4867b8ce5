package io.riskstream.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real KRaft cluster stretched over sites, as child processes on loopback ports: one controller in each site
 * (the quorum's voters) and {@link StretchLayout#brokersPerZone()} brokers, {@code broker.rack} = their zone, in each
 * zone that holds data. Every node can be killed (SIGKILL) and started again on its own storage, which is what a
 * zone drill does to a whole site at once. Plaintext, no authentication: a tool for measuring failures, not for
 * securing them ({@link KafkaBroker#startSecured()} is that).
 *
 * <pre>{@code
 * try (KafkaCluster cluster = KafkaCluster.start(StretchLayout.twoZones(2), dir)) {
 *     cluster.nodesIn("a").forEach(KafkaNode::kill);
 * }
 * }</pre>
 */
public final class KafkaCluster implements AutoCloseable {

    private static final int PROBE_TIMEOUT_MS = 2000;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final StretchLayout layout;
    private final List<KafkaNode> nodes;
    private final Path dir;

    private KafkaCluster(StretchLayout layout, List<KafkaNode> nodes, Path dir) {
        this.layout = layout;
        this.nodes = List.copyOf(nodes);
        this.dir = dir;
    }

    /**
     * Formats and starts every node of {@code layout} under {@code dir} (one folder per node, logs in
     * {@code logDir}), and returns once every broker is registered and unfenced.
     */
    public static KafkaCluster start(StretchLayout layout, Path dir, Path logDir) {
        try {
            Files.createDirectories(dir);
            String clusterId = Uuid.randomUuid().toString();
            List<KafkaNode> nodes = new ArrayList<>();
            List<String> voters = new ArrayList<>();
            int nodeId = 1;
            for (String site : layout.sites()) {
                int port = Ports.free();
                voters.add(nodeId + "@127.0.0.1:" + port);
                nodes.add(new KafkaNode(nodeId++, site, KafkaNode.Role.CONTROLLER, port, dir, logDir));
            }
            nodeId = 101;
            for (String zone : layout.zones()) {
                for (int i = 0; i < layout.brokersPerZone(); i++) {
                    nodes.add(new KafkaNode(nodeId++, zone, KafkaNode.Role.BROKER, Ports.free(), dir, logDir));
                }
            }
            String quorum = String.join(",", voters);
            for (KafkaNode node : nodes) {
                node.prepare(clusterId, StretchConfig.of(node, quorum, layout));
            }
            KafkaCluster cluster = new KafkaCluster(layout, nodes, dir);
            nodes.forEach(KafkaNode::start);
            cluster.awaitBrokers(cluster.brokers().size(), READY_TIMEOUT);
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka cluster", e);
        }
    }

    public StretchLayout layout() {
        return layout;
    }

    public List<KafkaNode> nodes() {
        return nodes;
    }

    /** Every node of {@code site}: its controller, and its brokers if it is a zone. */
    public List<KafkaNode> nodesIn(String site) {
        return nodes.stream().filter(node -> node.site().equals(site)).toList();
    }

    public List<KafkaNode> brokers() {
        return nodes.stream().filter(KafkaNode::isBroker).toList();
    }

    /** Every broker's address, in every zone, as a client that must survive a zone would be given them. */
    public String bootstrapServers() {
        return brokers().stream().map(KafkaNode::address).collect(Collectors.joining(","));
    }

    /** The brokers' addresses in {@code zone} only. */
    public String bootstrapServers(String zone) {
        return brokers().stream().filter(node -> node.site().equals(zone)).map(KafkaNode::address)
                .collect(Collectors.joining(","));
    }

    public Map<String, Object> adminConfig() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    /** Waits until {@code count} brokers are registered and unfenced (what a client's metadata lists). */
    public void awaitBrokers(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int live = liveBrokers();
            if (live >= count) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(count + " brokers were not up within " + timeout.toSeconds()
                        + " s (" + live + " were); logs: " + nodes.stream().map(KafkaNode::log).toList());
            }
            sleep(250);
        }
    }

    /** How many brokers the cluster lists as live now; 0 when none answers. */
    public int liveBrokers() {
        Map<String, Object> config = new java.util.HashMap<>(adminConfig());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, PROBE_TIMEOUT_MS);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, PROBE_TIMEOUT_MS);
        try (Admin admin = Admin.create(config)) {
            return admin.describeCluster(new DescribeClusterOptions().timeoutMs(PROBE_TIMEOUT_MS)).nodes()
                    .get(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
        } catch (Exception notAnswering) {
            return 0;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops every node, brokers first, and deletes their storage. */
    @Override
    public void close() {
        List<KafkaNode> reversed = new ArrayList<>(nodes);
        java.util.Collections.reverse(reversed);
        reversed.forEach(KafkaNode::stop);
        Dirs.deleteRecursively(dir);
    }
}
