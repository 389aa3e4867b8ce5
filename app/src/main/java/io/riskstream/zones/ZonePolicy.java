package io.riskstream.zones;

import java.util.List;
import java.util.Map;

/**
 * When the cluster's {@code min.insync.replicas} goes down to what one zone holds, and when it goes back up: the
 * zone keeper's whole decision, apart from Kafka so that every shape of cluster can be tried on it.
 *
 * <p>Down as soon as a zone has no live broker (the controllers fence a broker that stops heartbeating): the other
 * zone's replicas alone can then never make the normal count, and every write would be refused. Up once every zone
 * is back and every partition that has enough replicas has them in sync again: raising it earlier would refuse the
 * writes of partitions still catching up, which is the outage this keeper exists to end.
 */
final class ZonePolicy {

    /** What to do to the cluster. */
    enum Action { LOWER, RAISE, NOTHING }

    /** One partition as the cluster describes it: its replicas and those in sync. */
    record PartitionState(String topic, int partition, int replicas, int inSync) {
    }

    /**
     * @param liveBrokersByZone live brokers per {@code broker.rack} (a zone with none may be absent)
     * @param partitions every partition of every topic
     */
    record ClusterState(Map<String, Integer> liveBrokersByZone, List<PartitionState> partitions) {
    }

    private final ZoneSettings settings;

    ZonePolicy(ZoneSettings settings) {
        this.settings = settings;
    }

    /** The zones without a live broker. */
    List<String> missingZones(ClusterState cluster) {
        return settings.names().stream().filter(zone -> cluster.liveBrokersByZone().getOrDefault(zone, 0) == 0)
                .toList();
    }

    /** The partitions that would refuse writes at the normal count, as they are now. */
    List<PartitionState> shortOfNormal(ClusterState cluster) {
        return cluster.partitions().stream().filter(p -> p.replicas() >= settings.minInsyncReplicas()
                && p.inSync() < settings.minInsyncReplicas()).toList();
    }

    Action next(boolean lowered, ClusterState cluster) {
        boolean zoneMissing = !missingZones(cluster).isEmpty();
        if (zoneMissing) {
            return lowered ? Action.NOTHING : Action.LOWER;
        }
        return lowered && shortOfNormal(cluster).isEmpty() ? Action.RAISE : Action.NOTHING;
    }
}
