package io.riskstream.toppages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageRankingTest {

    static final PageRanking EMPTY = PageRanking.empty(0, 60_000, 1_000);

    @Test
    void pagesAreOrderedByViewsThenName() {
        PageRanking ranking = EMPTY.with(views("b", 2), 3).with(views("c", 5), 3).with(views("a", 2), 3);

        assertThat(ranking.pages()).containsExactly(views("c", 5), views("a", 2), views("b", 2));
    }

    @Test
    void aNewTotalReplacesThePagesOldOne() {
        PageRanking ranking = EMPTY.with(views("a", 1), 3).with(views("b", 2), 3).with(views("a", 4), 3);

        assertThat(ranking.pages()).containsExactly(views("a", 4), views("b", 2));
    }

    @Test
    void rankingKeepsOnlyTheLimit() {
        PageRanking ranking = EMPTY.with(views("a", 1), 2).with(views("b", 2), 2).with(views("c", 3), 2);

        assertThat(ranking.pages()).containsExactly(views("c", 3), views("b", 2));
    }

    @Test
    void windowIsDueOnceTheRankDelayPassedAndOnlyUntilPublished() {
        assertThat(EMPTY.dueAt(5_999, 5_000)).isFalse();
        assertThat(EMPTY.dueAt(6_000, 5_000)).isTrue();
        assertThat(EMPTY.asPublished().dueAt(60_000, 5_000)).isFalse();
    }

    @Test
    void rankingSurvivesItsSerde() {
        PageRanking ranking = EMPTY.with(views("ä-page", 7), 10).asPublished();
        var serde = TopPagesSerdes.ranking();

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", ranking))).isEqualTo(ranking);
    }

    private static PageRanking.PageViews views(String page, long views) {
        return new PageRanking.PageViews(page, views);
    }
}
