package io.riskstream.toppages;

/** A page's final views in one closed window, on its way from the page's partition to the window's. */
record WindowCount(long windowStart, long windowEnd, String page, long views) {

    PageRanking.PageViews pageViews() {
        return new PageRanking.PageViews(page, views);
    }
}
