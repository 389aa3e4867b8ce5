package io.riskstream.dashboard;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.riskstream.events.TopPages;

/**
 * The newest published window of top pages. Windows arrive from several partitions in no order, so the one
 * with the latest start wins, not the last one read.
 */
final class LatestTopPages {

    private final AtomicReference<TopPages> newest = new AtomicReference<>();

    void offer(TopPages topPages) {
        newest.accumulateAndGet(topPages, (current, offered) -> current == null
                || offered.getWindowStart().isAfter(current.getWindowStart()) ? offered : current);
    }

    Optional<View> newest() {
        return Optional.ofNullable(newest.get()).map(View::of);
    }

    /** What {@code GET /api/top-pages} returns; times are ISO-8601. */
    record View(String windowStart, String windowEnd, List<Page> pages) {

        static View of(TopPages topPages) {
            return new View(topPages.getWindowStart().toString(), topPages.getWindowEnd().toString(),
                    topPages.getPages().stream().map(count -> new Page(count.getPage(), count.getViews())).toList());
        }
    }

    record Page(String page, long views) {
    }
}
