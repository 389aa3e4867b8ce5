package io.riskstream.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.riskstream.events.TopPages;

/**
 * The newest published window of top pages. Windows arrive from several partitions in no order, so the one
 * with the latest start wins, not the last one read. Its age is from the window's end to now: windows are
 * published a little after their end (grace, and while the input is quiet the wall-clock close), also when no
 * page was viewed, so an age well past that means top pages are not moving, whatever the page's own refresh says.
 */
final class LatestTopPages {

    private final AtomicReference<TopPages> newest = new AtomicReference<>();
    private final Clock clock;
    private final Duration staleAfter;

    LatestTopPages(Clock clock, Duration staleAfter) {
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    void offer(TopPages topPages) {
        newest.accumulateAndGet(topPages, (current, offered) -> current == null
                || offered.getWindowStart().isAfter(current.getWindowStart()) ? offered : current);
    }

    Optional<View> newest() {
        return Optional.ofNullable(newest.get()).map(this::view);
    }

    private View view(TopPages topPages) {
        Duration age = Duration.between(topPages.getWindowEnd(), clock.instant());
        return new View(topPages.getWindowStart().toString(), topPages.getWindowEnd().toString(),
                topPages.getPages().stream().map(count -> new Page(count.getPage(), count.getViews())).toList(),
                Math.max(0, age.toSeconds()), age.compareTo(staleAfter) > 0);
    }

    /**
     * What {@code GET /api/top-pages} returns; times are ISO-8601.
     *
     * @param ageSeconds how long ago the window ended, by this instance's clock
     * @param stale whether that is longer than {@code riskstream.dashboard.stale-after}
     */
    record View(String windowStart, String windowEnd, List<Page> pages, long ageSeconds, boolean stale) {
    }

    record Page(String page, long views) {
    }
}
