package io.riskstream.toppages;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.riskstream.events.PageCount;

/**
 * The most viewed pages of one window, at most {@code limit}: by views descending, ties by page name
 * ascending. Bounded: a page that falls out is forgotten, which is safe because every count that arrives is a
 * page's total for the window, never an increment.
 *
 * @param windowStart epoch millis of the window's start
 * @param windowEnd epoch millis of the window's end (exclusive)
 * @param firstSeenMs wall-clock millis when the first count of the window arrived
 * @param published whether the window has been published (then it only waits to be forgotten)
 * @param pages the ranked pages
 */
record PageRanking(long windowStart, long windowEnd, long firstSeenMs, boolean published, List<PageViews> pages) {

    static final Comparator<PageViews> ORDER = Comparator.comparingLong(PageViews::views).reversed()
            .thenComparing(PageViews::page);

    PageRanking {
        pages = List.copyOf(pages);
    }

    static PageRanking empty(long windowStart, long windowEnd, long firstSeenMs) {
        return new PageRanking(windowStart, windowEnd, firstSeenMs, false, List.of());
    }

    /** The ranking with {@code count}, a page's total views in this window, in its place. */
    PageRanking with(PageViews count, int limit) {
        List<PageViews> ranked = new ArrayList<>(pages.size() + 1);
        for (PageViews page : pages) {
            if (!page.page().equals(count.page())) {
                ranked.add(page);
            }
        }
        ranked.add(count);
        ranked.sort(ORDER);
        return new PageRanking(windowStart, windowEnd, firstSeenMs, published,
                ranked.subList(0, Math.min(limit, ranked.size())));
    }

    boolean dueAt(long wallClockMs, long rankDelayMs) {
        return !published && wallClockMs >= firstSeenMs + rankDelayMs;
    }

    PageRanking asPublished() {
        return new PageRanking(windowStart, windowEnd, firstSeenMs, true, pages);
    }

    List<PageCount> pageCounts() {
        return pages.stream().map(p -> new PageCount(p.page(), p.views())).toList();
    }

    /** One page's views in a window. */
    record PageViews(String page, long views) {
    }
}
