package io.riskstream.toppages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import io.riskstream.platform.state.StateFixtures;

class TopPagesSerdesTest {

    private static final ClosedWindow CLOSED = new ClosedWindow(3, 1772359200000L, 1772359260000L, true,
            List.of(new ClosedWindow.PageViews("/home", 10), new ClosedWindow.PageViews("/cart/ä", 7)));

    private final Serde<ClosedWindow> serde = TopPagesSerdes.closedWindow();

    @Test
    void roundTripsInVersion1() {
        byte[] bytes = serde.serializer().serialize("t", CLOSED);

        assertThat(bytes[0]).isEqualTo((byte) TopPagesSerdes.V1);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(CLOSED);
    }

    @Test
    void anEmptyWindowRoundTrips() {
        ClosedWindow empty = new ClosedWindow(0, 0, 60000, true, List.of());

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", empty))).isEqualTo(empty);
    }

    @Test
    void aVersionFromANewerBuildIsRefusedClearly() {
        StateFixtures.refusesTheNextVersion(serde, CLOSED);
    }
}
