package io.riskstream.toppages;

/**
 * The hopping windows of top pages in epoch millis: windows of {@code size} starting every {@code advance},
 * aligned to the epoch, so every window end is also a multiple of {@code advance}. A page view at {@code t} is
 * counted in its slot, the advance-long interval holding it; a window is the sum of the slots it covers.
 * Store keys are a slot's or window's start, zero-padded so that they sort as numbers, then {@code |} and a name.
 */
record WindowGrid(long size, long advance, long grace) {

    long slot(long time) {
        return Math.floorDiv(time, advance) * advance;
    }

    /** The end of the first window a view at {@code time} is in: once that window has closed, the view is late. */
    long firstEnd(long time) {
        return slot(time) + advance;
    }

    /** The newest window end that has closed when event time is {@code now}: its end plus grace has passed. */
    long lastClosedEnd(long now) {
        return slot(now - grace);
    }

    static String key(long start) {
        return String.format("%020d", start);
    }

    static String key(long start, String name) {
        return key(start) + "|" + name;
    }

    static long start(String key) {
        return Long.parseLong(key.substring(0, 20));
    }

    static String name(String key) {
        return key.substring(21);
    }
}
