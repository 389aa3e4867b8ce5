package io.riskstream.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Health contributor {@code stateRestoration}: OUT_OF_SERVICE while a stream restores a state store from its
 * changelog (after a restart without local state, or when a task moves to this instance without a standby), with each
 * store's progress; UP otherwise. A stream that restores is RUNNING to Kafka Streams, but it decides nothing for the
 * partitions it restores until it is done: readiness must say so, and so must the overall health.
 *
 * <p>Metrics per stream: {@code riskstream.streams.restoring.stores} (stores restoring now) and
 * {@code riskstream.streams.restore.remaining} (records still to restore in them), for the dashboard's restore
 * progress and the alert on a restore that lasts.
 */
public final class StateRestoration implements HealthIndicator {

    static final String RESTORING_METRIC = "riskstream.streams.restoring.stores";
    static final String REMAINING_METRIC = "riskstream.streams.restore.remaining";

    private final MeterRegistry meters;

    public StateRestoration(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Restorations under way: stream, then store and changelog partition. */
    private final Map<String, ConcurrentMap<Restoring, Progress>> byStream = new ConcurrentSkipListMap<>();

    private record Restoring(String store, TopicPartition changelog) {
    }

    private record Progress(long startOffset, long endOffset, long restored) {
    }

    /** The listener of {@code stream}'s restorations. */
    StateRestoreListener listenerOf(String stream) {
        ConcurrentMap<Restoring, Progress> restoring = byStream.computeIfAbsent(stream, name -> {
            ConcurrentMap<Restoring, Progress> stores = new ConcurrentHashMap<>();
            Gauge.builder(RESTORING_METRIC, stores, Map::size).tag("stream", name)
                    .description("state stores restoring from their changelogs").register(meters);
            Gauge.builder(REMAINING_METRIC, stores, StateRestoration::remaining).tag("stream", name)
                    .description("records still to restore into the stores restoring").register(meters);
            return stores;
        });
        return new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
                restoring.put(new Restoring(store, partition), new Progress(startingOffset, endingOffset, 0));
            }

            @Override
            public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long restored) {
                restoring.computeIfPresent(new Restoring(store, partition),
                        (key, progress) -> new Progress(progress.startOffset(), progress.endOffset(),
                                progress.restored() + restored));
            }

            @Override
            public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
                restoring.remove(new Restoring(store, partition));
            }

            @Override
            public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
                // The task went to another instance before it was restored here.
                restoring.remove(new Restoring(store, partition));
            }
        };
    }

    private static double remaining(Map<Restoring, Progress> stores) {
        return stores.values().stream().mapToLong(progress -> Math.max(0,
                progress.endOffset() - progress.startOffset() - progress.restored())).sum();
    }

    @Override
    public Health health() {
        boolean restoring = false;
        Map<String, Object> streams = new LinkedHashMap<>();
        for (Map.Entry<String, ConcurrentMap<Restoring, Progress>> stream : byStream.entrySet()) {
            Map<String, Object> stores = new LinkedHashMap<>();
            stream.getValue().forEach((what, progress) -> stores.put(what.store() + " " + what.changelog(), Map.of(
                    "restored", progress.restored(), "toRestore", progress.endOffset() - progress.startOffset())));
            restoring |= !stores.isEmpty();
            streams.put(stream.getKey(), stores.isEmpty() ? Map.of("restoring", 0) : Map.of("restoring",
                    stores.size(), "stores", stores));
        }
        return Health.status(restoring ? Status.OUT_OF_SERVICE : Status.UP).withDetails(streams).build();
    }
}
