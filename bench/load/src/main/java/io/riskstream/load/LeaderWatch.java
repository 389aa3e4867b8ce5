package io.riskstream.load;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;

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

    private final java.nio.file.Path log;
    private final long since = System.currentTimeMillis();

    LeaderWatch(Map<String, Object> adminConfig, java.nio.file.Path log) {
        this.log = log;
        Map<String, Object> config = new java.util.HashMap<>(adminConfig);
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
                var topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
                var described = admin.describeTopics(topics).allTopicNames().get().values();
                long leaderless = described.stream().flatMap(topic -> topic.partitions().stream())
                        .filter(p -> p.leader() == null || p.leader().isEmpty()).count();
                // Each partition whose end offset cannot be listed now, with its leader and in-sync replicas: what a
                // reader (and the streams' assignor) would wait on.
                java.util.List<String> stuck = new java.util.ArrayList<>();
                for (var topic : described) {
                    for (var p : topic.partitions()) {
                        var tp = new org.apache.kafka.common.TopicPartition(topic.name(), p.partition());
                        try {
                            admin.listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()),
                                    new org.apache.kafka.clients.admin.ListOffsetsOptions().timeoutMs(500))
                                    .all().get();
                        } catch (java.util.concurrent.ExecutionException e) {
                            stuck.add(tp + " leader=" + (p.leader() == null ? "none" : p.leader().id()) + " isr="
                                    + p.isr().stream().map(n -> n.id()).toList() + " elr="
                                    + p.elr().stream().map(n -> n.id()).toList());
                        }
                    }
                }
                if (!stuck.isEmpty()) {
                    lastWithoutEndOffset.set(System.currentTimeMillis());
                }
                java.nio.file.Files.writeString(log, "+" + (System.currentTimeMillis() - since) + " ms: "
                        + leaderless + " without a leader, " + stuck.size() + " without an end offset "
                        + stuck + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                mostLeaderless.accumulateAndGet((int) leaderless, Math::max);
                if (leaderless > 0) {
                    lastLeaderless.set(System.currentTimeMillis());
                }
                Thread.sleep(EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (Exception notAnswering) {
                // the cluster is failing over: look again
            }
        }
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
