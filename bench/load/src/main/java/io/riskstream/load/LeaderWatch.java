package io.riskstream.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Looks at every partition of the cluster every couple of seconds during the zone drill: how many have no leader
 * (nothing can be read or written there), how many cannot tell their end offset (a new leader whose high watermark
 * has not caught up: readers and the streams' assignor wait on it), and when that was last so; each look is a line of
 * the run's {@code partitions-after-the-kill.log}. A failover that leaves partitions without a
 * leader is the first thing to look at when decisions do not come back.
 */
final class LeaderWatch implements AutoCloseable {

    private static final Duration EVERY = Duration.ofSeconds(2);

    private final Admin admin;
    private final Thread thread;
    private final AtomicInteger mostLeaderless = new AtomicInteger();
    private final AtomicLong lastLeaderless = new AtomicLong();
    private final AtomicLong lastWithoutEndOffset = new AtomicLong();
    private volatile boolean running = true;

    private final Path log;
    private final long since = System.currentTimeMillis();

    LeaderWatch(Map<String, Object> adminConfig, Path log) {
        this.log = log;
        Map<String, Object> config = new HashMap<>(adminConfig);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) EVERY.toMillis() * 2);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) EVERY.toMillis() * 2);
        this.admin = Admin.create(config);
        this.thread = new Thread(this::run, "leader-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                look();
            } catch (ExecutionException | IOException | RuntimeException notAnswering) {
                // the cluster is failing over: look again at the next tick
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void look() throws ExecutionException, InterruptedException, IOException {
        Collection<TopicDescription> described = describeAll(admin);
        long leaderless = described.stream().flatMap(topic -> topic.partitions().stream())
                .filter(p -> p.leader() == null || p.leader().isEmpty()).count();
        // Each partition whose end offset cannot be listed now, with its leader and in-sync replicas: what a reader
        // (and the streams' assignor) would wait on. One request for all; each partition answers on its own.
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        described.forEach(topic -> topic.partitions().forEach(p ->
                latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
        ListOffsetsResult offsets = admin.listOffsets(latest, new ListOffsetsOptions().timeoutMs(1000));
        List<String> stuck = new ArrayList<>();
        for (TopicDescription topic : described) {
            for (TopicPartitionInfo p : topic.partitions()) {
                try {
                    offsets.partitionResult(new TopicPartition(topic.name(), p.partition())).get();
                } catch (ExecutionException e) {
                    stuck.add(describe(topic.name(), p));
                }
            }
        }
        if (!stuck.isEmpty()) {
            lastWithoutEndOffset.set(System.currentTimeMillis());
        }
        Files.writeString(log, "+" + (System.currentTimeMillis() - since) + " ms: " + leaderless + " without a leader, "
                + stuck.size() + " without an end offset " + stuck + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        mostLeaderless.accumulateAndGet((int) leaderless, Math::max);
        if (leaderless > 0) {
            lastLeaderless.set(System.currentTimeMillis());
        }
    }

    /** Every topic of the cluster, Kafka's own too, with its partitions. */
    static Collection<TopicDescription> describeAll(Admin admin) throws ExecutionException, InterruptedException {
        var topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        return admin.describeTopics(topics).allTopicNames().get().values();
    }

    /** {@code topic-partition leader=.. isr=[..] elr=[..] replicas=[..]}, by broker id. */
    static String describe(String topic, TopicPartitionInfo p) {
        return topic + "-" + p.partition() + " leader=" + (p.leader() == null ? "none" : p.leader().id()) + " isr="
                + ids(p.isr()) + " elr=" + ids(p.elr()) + " replicas=" + ids(p.replicas());
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    /** The most partitions seen without a leader at once. */
    int mostLeaderless() {
        return mostLeaderless.get();
    }

    /** When partitions were last seen without a leader; 0 if never. */
    long lastLeaderless() {
        return lastLeaderless.get();
    }

    /** When a partition's end offset could last not be listed; 0 if never. */
    long lastWithoutEndOffset() {
        return lastWithoutEndOffset.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
        admin.close(Duration.ofSeconds(2));
    }
}
