package io.riskstream.zones;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.riskstream.zones.ZonePolicy.Action;
import io.riskstream.zones.ZonePolicy.ClusterState;
import io.riskstream.zones.ZonePolicy.PartitionState;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ZonePolicyTest {

    private static final ZoneSettings SETTINGS = new ZoneSettings(List.of("a", "b"), 3, 2, Duration.ofSeconds(1));
    private final ZonePolicy policy = new ZonePolicy(SETTINGS);

    @Test
    void lowersOnceWhenAZoneHasNoLiveBroker() {
        ClusterState zoneALost = new ClusterState(Map.of("b", 2), List.of(new PartitionState("t", 0, 4, 2)));

        assertThat(policy.next(false, zoneALost)).isEqualTo(Action.LOWER);
        assertThat(policy.next(true, zoneALost)).isEqualTo(Action.NOTHING);
        assertThat(policy.missingZones(zoneALost)).containsExactly("a");
    }

    @Test
    void aZoneListedWithNoBrokerIsMissingToo() {
        ClusterState zoneBEmpty = new ClusterState(Map.of("a", 2, "b", 0), List.of());

        assertThat(policy.next(false, zoneBEmpty)).isEqualTo(Action.LOWER);
    }

    @Test
    void raisesOnlyOnceTheReturnedZoneHasCaughtUpEverywhere() {
        List<PartitionState> catchingUp = List.of(new PartitionState("t", 0, 4, 4), new PartitionState("t", 1, 4, 2));
        List<PartitionState> caughtUp = List.of(new PartitionState("t", 0, 4, 4), new PartitionState("t", 1, 4, 3));

        assertThat(policy.next(true, new ClusterState(Map.of("a", 2, "b", 2), catchingUp))).isEqualTo(Action.NOTHING);
        assertThat(policy.next(true, new ClusterState(Map.of("a", 2, "b", 2), caughtUp))).isEqualTo(Action.RAISE);
    }

    @Test
    void aPartitionWithFewerReplicasThanTheNormalCountDoesNotHoldTheRaise() {
        // A topic of one replica can never have three in sync: waiting for it would keep the cluster lowered for good.
        List<PartitionState> partitions = List.of(new PartitionState("t", 0, 4, 4), new PartitionState("one", 0, 1, 1));

        assertThat(policy.next(true, new ClusterState(Map.of("a", 1, "b", 1), partitions))).isEqualTo(Action.RAISE);
    }

    @Test
    void aHealthyClusterNotLoweredIsLeftAlone() {
        ClusterState healthy = new ClusterState(Map.of("a", 2, "b", 2), List.of(new PartitionState("t", 0, 4, 3)));

        assertThat(policy.next(false, healthy)).isEqualTo(Action.NOTHING);
    }

    @Property
    void neverRaisesWhileAZoneIsOutNorLowersWhileEveryZoneIsIn(@ForAll @IntRange(max = 3) int liveInA,
            @ForAll @IntRange(max = 3) int liveInB, @ForAll boolean lowered,
            @ForAll @Size(max = 8) List<@IntRange(max = 4) Integer> inSync) {
        Map<String, Integer> live = new HashMap<>(Map.of("a", liveInA, "b", liveInB, "elsewhere", 1));
        List<PartitionState> partitions = new ArrayList<>();
        for (int p = 0; p < inSync.size(); p++) {
            partitions.add(new PartitionState("t", p, 4, inSync.get(p)));
        }
        ClusterState cluster = new ClusterState(live, partitions);

        Action action = policy.next(lowered, cluster);

        boolean zoneOut = liveInA == 0 || liveInB == 0;
        if (zoneOut) {
            assertThat(action).isIn(Action.LOWER, Action.NOTHING);
            assertThat(action == Action.LOWER).isEqualTo(!lowered);
        } else {
            assertThat(action).isNotEqualTo(Action.LOWER);
            boolean allInSync = inSync.stream().allMatch(n -> n >= 3);
            assertThat(action == Action.RAISE).isEqualTo(lowered && allInSync);
        }
    }

    @Test
    void settingsRefuseADegradedCountThatIsNotBelowTheNormalOne() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ZoneSettings(List.of("a", "b"), 3, 3,
                Duration.ofSeconds(1))).hasMessageContaining("degraded-min-insync-replicas");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ZoneSettings(List.of("a"), 3, 2,
                Duration.ofSeconds(1))).hasMessageContaining("two zones");
    }
}
