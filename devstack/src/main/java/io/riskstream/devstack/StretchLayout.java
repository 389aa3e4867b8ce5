package io.riskstream.devstack;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the nodes of a stretched cluster are: {@code zones} hold brokers and a controller each, {@code tieBreaker}
 * only a controller, whose vote keeps the metadata quorum (2 of 3) when either zone is lost.
 *
 * @param zones the zones that hold data, each a {@code broker.rack}
 * @param tieBreaker the site with the third controller and no broker
 * @param brokersPerZone brokers in each zone
 * @param replicationFactor replicas of every partition, spread over the zones by rack
 * @param minInsyncReplicas the in-sync replicas an acknowledged write needs
 */
public record StretchLayout(List<String> zones, String tieBreaker, int brokersPerZone, short replicationFactor,
                            int minInsyncReplicas) {

    public StretchLayout {
        zones = List.copyOf(zones);
        if (zones.size() != 2 || zones.contains(tieBreaker)) {
            throw new IllegalArgumentException("two zones and a third site, all different");
        }
        if (replicationFactor > zones.size() * brokersPerZone || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("more replicas than brokers, or more in sync than replicas");
        }
    }

    /**
     * Zones {@code a} and {@code b} with two brokers each and site {@code c}: four replicas, two per zone, and an
     * acknowledged write on three of them, so on both zones (no three replicas fit in one zone).
     */
    public static StretchLayout twoZones() {
        return new StretchLayout(List.of("a", "b"), "c", 2, (short) 4, 3);
    }

    /** Every site, zones first: each has one controller. */
    public List<String> sites() {
        List<String> sites = new ArrayList<>(zones);
        sites.add(tieBreaker);
        return sites;
    }
}
