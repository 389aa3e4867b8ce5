package io.riskstream.toppages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.Serde;

import io.riskstream.platform.state.StateReader;
import io.riskstream.platform.state.StateSerde;
import io.riskstream.platform.state.StateWriter;

/**
 * The internal forms of the top-pages stream, for its repartition topic and its ranking store. Internal topics
 * carry no registry schema, so they need no registry artifact. Version 2: the fields in order, numbers as
 * varints. Version 1, read only, is the same in {@code DataOutputStream}'s primitives (fixed-width numbers,
 * modified UTF-8), as builds before the shared state format wrote it.
 */
final class TopPagesSerdes {

    static final int V1 = 1;
    static final int V2 = 2;

    private TopPagesSerdes() {
    }

    static Serde<WindowCount> windowCount() {
        return new StateSerde<>("window count", V2, TopPagesSerdes::writeCountV2, Map.of(
                V1, in -> new WindowCount(in.readFixedLong(), in.readFixedLong(), in.readModifiedUtf8(),
                        in.readFixedLong()),
                V2, in -> new WindowCount(in.readVarLong(), in.readVarLong(), in.readString(), in.readVarLong())));
    }

    static Serde<PageRanking> ranking() {
        return new StateSerde<>("page ranking", V2, TopPagesSerdes::writeRankingV2,
                Map.of(V1, TopPagesSerdes::readRankingV1, V2, TopPagesSerdes::readRankingV2));
    }

    private static void writeCountV2(WindowCount count, StateWriter out) {
        out.writeVarLong(count.windowStart());
        out.writeVarLong(count.windowEnd());
        out.writeString(count.page());
        out.writeVarLong(count.views());
    }

    private static void writeRankingV2(PageRanking ranking, StateWriter out) {
        out.writeVarLong(ranking.windowStart());
        out.writeVarLong(ranking.windowEnd());
        out.writeVarLong(ranking.firstSeenMs());
        out.writeBoolean(ranking.published());
        out.writeVarLong(ranking.pages().size());
        for (PageRanking.PageViews page : ranking.pages()) {
            out.writeString(page.page());
            out.writeVarLong(page.views());
        }
    }

    private static PageRanking readRankingV2(StateReader in) {
        long start = in.readVarLong();
        long end = in.readVarLong();
        long firstSeen = in.readVarLong();
        boolean published = in.readBoolean();
        int size = in.readSize(Integer.MAX_VALUE);
        List<PageRanking.PageViews> pages = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            pages.add(new PageRanking.PageViews(in.readString(), in.readVarLong()));
        }
        return new PageRanking(start, end, firstSeen, published, pages);
    }

    private static PageRanking readRankingV1(StateReader in) {
        long start = in.readFixedLong();
        long end = in.readFixedLong();
        long firstSeen = in.readFixedLong();
        boolean published = in.readLooseBoolean();
        int size = in.readFixedInt();
        List<PageRanking.PageViews> pages = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            pages.add(new PageRanking.PageViews(in.readModifiedUtf8(), in.readFixedLong()));
        }
        return new PageRanking(start, end, firstSeen, published, pages);
    }
}
