package io.riskstream.toppages;

import java.util.List;

/**
 * What one input partition tells the ranking. Either one window's page views in that partition, once the
 * partition has closed the window (a window with many pages goes in several parts; an empty window in one
 * part with no pages), sent to the window's partition; or a watermark ({@code closedThrough}): the partition has
 * closed every window ending at or before {@code windowEnd}, sent to every ranking partition after the windows
 * it covers.
 *
 * @param partition the {@code site-events} partition that counted these views
 * @param windowStart the window's start; for a watermark, {@code windowEnd} minus the window size
 */
record ClosedWindow(int partition, long windowStart, long windowEnd, boolean closedThrough, List<PageViews> pages) {

    ClosedWindow {
        pages = List.copyOf(pages);
    }

    static ClosedWindow watermark(int partition, long windowStart, long windowEnd) {
        return new ClosedWindow(partition, windowStart, windowEnd, true, List.of());
    }

    /** One page's views in a window. */
    record PageViews(String page, long views) {
    }
}
