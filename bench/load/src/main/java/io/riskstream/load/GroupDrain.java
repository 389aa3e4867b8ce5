package io.riskstream.load;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * How fast a stream that writes no record per input (top pages, sessions) drains a backlog, seen from outside:
 * its consumer group's committed offsets, which an exactly-once stream commits in the transaction of its outputs.
 * Timed from the first poll that sees the group's commits move to the first that sees them at the end offsets.
 * The resolution is the poll's, {@link #POLL}, next to drains of tens of seconds.
 */
final class GroupDrain {

    static final Duration POLL = Duration.ofMillis(100);

    private GroupDrain() {
    }

    static Drain await(String what, Cluster cluster, String group, List<TopicPartition> partitions,
                       AppProcess app, Duration firstTimeout, Duration stallTimeout) throws Exception {
        Map<TopicPartition, Long> end = cluster.endOffsets(partitions);
        long total = end.values().stream().mapToLong(Long::longValue).sum();
        long started = System.currentTimeMillis();
        long first = 0;
        StallWatch watch = new StallWatch(started, firstTimeout, stallTimeout);
        while (true) {
            long done = cluster.committed(group, new HashSet<>(partitions)).values().stream()
                    .mapToLong(Long::longValue).sum();
            long now = System.currentTimeMillis();
            if (done > 0 && first == 0) {
                first = now;
            }
            if (done >= total) {
                return new Drain(what, total, now - first, true);
            }
            if (!app.alive()) {
                throw new IllegalStateException("the app exited during the " + what + "; see its log");
            }
            if (watch.stalled(done, now)) {
                return new Drain(what, done, first == 0 ? 0 : watch.lastChange() - first, false);
            }
            if (watch.report(now)) {
                LoadHarness.step(String.format("  %s: %,d of %,d records committed by %s", what, done, total, group));
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
