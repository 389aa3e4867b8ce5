package io.riskstream.zones;

import java.time.Duration;
import java.util.List;

/**
 * {@code riskstream.zones.*}: what the zone keeper ({@code java -jar riskstream.jar zones keep}) keeps.
 *
 * @param names the zones that hold data, as the brokers' {@code broker.rack}
 * @param minInsyncReplicas the in-sync replicas an acknowledged write needs while every zone is in: with four
 *        replicas, two per zone, 3 puts every acknowledged write in both zones
 * @param degradedMinInsyncReplicas what it needs while a zone is out: the replicas one zone holds
 * @param checkInterval how often the keeper looks at the cluster
 */
public record ZoneSettings(List<String> names, int minInsyncReplicas, int degradedMinInsyncReplicas,
                           Duration checkInterval) {

    public ZoneSettings {
        names = List.copyOf(names);
        if (names.size() < 2) {
            throw new IllegalArgumentException("riskstream.zones.names needs the two zones (the brokers' racks), got "
                    + names);
        }
        if (degradedMinInsyncReplicas < 1 || degradedMinInsyncReplicas >= minInsyncReplicas) {
            throw new IllegalArgumentException("riskstream.zones.degraded-min-insync-replicas must be at least 1 and "
                    + "below riskstream.zones.min-insync-replicas (" + minInsyncReplicas + "), got "
                    + degradedMinInsyncReplicas);
        }
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("riskstream.zones.check-interval must be positive");
        }
    }
}
