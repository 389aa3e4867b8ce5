package io.riskstream.toppages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import io.riskstream.platform.state.StateFixtures;

class TopPagesSerdesTest {

    private static final WindowCount COUNT = new WindowCount(1772359200000L, 1772359260000L, "/products/é-1", 42);
    private static final PageRanking RANKING = new PageRanking(1772359200000L, 1772359260000L, 1772359265123L, true,
            List.of(new PageRanking.PageViews("/home", 10), new PageRanking.PageViews("/cart/ä", 7)));

    private final Serde<WindowCount> counts = TopPagesSerdes.windowCount();
    private final Serde<PageRanking> rankings = TopPagesSerdes.ranking();

    @Test
    void readsVersion1AsBuildsBeforeTheSharedFormatWroteIt() {
        assertThat(counts.deserializer().deserialize("t", StateFixtures.frozen("window-count.v1.hex")))
                .isEqualTo(COUNT);
        assertThat(rankings.deserializer().deserialize("t", StateFixtures.frozen("page-ranking.v1.hex")))
                .isEqualTo(RANKING);
        assertThat(rankings.deserializer().deserialize("t", StateFixtures.frozen("page-ranking-empty.v1.hex")))
                .isEqualTo(PageRanking.empty(0, 60000, 5));
    }

    @Test
    void roundTripsInVersion2() {
        byte[] count = counts.serializer().serialize("t", COUNT);
        byte[] ranking = rankings.serializer().serialize("t", RANKING);

        assertThat(new byte[] {count[0], ranking[0]}).containsExactly(TopPagesSerdes.V2, TopPagesSerdes.V2);
        assertThat(counts.deserializer().deserialize("t", count)).isEqualTo(COUNT);
        assertThat(rankings.deserializer().deserialize("t", ranking)).isEqualTo(RANKING);
    }

    @Test
    void aVersionFromANewerBuildIsRefusedClearly() {
        StateFixtures.refusesTheNextVersion(counts, COUNT);
        StateFixtures.refusesTheNextVersion(rankings, RANKING);
    }
}
