package io.riskstream.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.riskstream.platform.state.StateFixtures;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class SeenEventsTest {

    private final SeenEvents.SeenEventSerde serde = new SeenEvents.SeenEventSerde();

    @Test
    void readsVersion1() {
        assertThat(serde.decode(StateFixtures.frozen("seen-site-event.v1.hex"))).isEqualTo(1772359200000L);
    }

    @Property(tries = 100)
    void anyTimeRoundTrips(@ForAll long time) {
        assertThat(serde.decode(serde.encode(time))).isEqualTo(time);
    }

    @Test
    void aVersionFromANewerBuildIsRefusedClearly() {
        StateFixtures.refusesTheNextVersion(serde, 42L);
    }
}
