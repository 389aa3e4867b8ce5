package io.riskstream.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.riskstream.platform.state.StateFixtures;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class SessionAccumulatorSerdeTest {

    private final SessionAccumulatorSerde serde = new SessionAccumulatorSerde();

    @Test
    void readsVersion1AsBuildsBeforeTheSharedFormatWroteIt() {
        assertThat(serde.decode(StateFixtures.frozen("session-accumulator.v1.hex"))).isEqualTo(
                new SessionAccumulator(1772359200000L, 1772361000000L, 12, 9, 4200, -300, true));
    }

    @Test
    void readsVersion2AsAnOpenSessionOfUnknownCurrency() {
        assertThat(serde.decode(StateFixtures.frozen("session-accumulator.v2.hex"))).isEqualTo(
                new SessionAccumulator(1772359200000L, 1772361000000L, 12, 9, 4200, -300, true, null, 0, List.of(),
                        false));
    }

    @Property(tries = 200)
    void anySessionRoundTrips(@ForAll long start, @ForAll long end, @ForAll long events, @ForAll long pageViews,
                              @ForAll long addedMinor, @ForAll long removedMinor, @ForAll boolean checkedOut,
                              @ForAll @StringLength(max = 5) String currency, @ForAll boolean noCurrency,
                              @ForAll @IntRange(min = 0) int revision, @ForAll @Size(max = 4) List<Long> starts,
                              @ForAll boolean summarized) {
        SessionAccumulator session = new SessionAccumulator(start, end, events, pageViews, addedMinor, removedMinor,
                checkedOut, noCurrency ? null : currency, revision, starts, summarized);

        byte[] bytes = serde.encode(session);

        assertThat(bytes[0]).isEqualTo((byte) SessionAccumulatorSerde.V3);
        assertThat(serde.decode(bytes)).isEqualTo(session);
    }

    @Test
    void aVersionFromANewerBuildIsRefusedClearly() {
        StateFixtures.refusesTheNextVersion(serde, new SessionAccumulator(1, 2, 3, 4, 5, 6, false));
    }
}
