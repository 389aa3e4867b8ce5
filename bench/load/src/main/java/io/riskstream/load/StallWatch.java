package io.riskstream.load;

import java.time.Duration;

/**
 * Tells when a drain has stopped moving: nothing at all within {@code firstTimeout} of the start (the app starts
 * slowly on a busy machine), or no progress within {@code stallTimeout} since it last moved. Also paces the
 * progress lines.
 */
final class StallWatch {

    private static final Duration REPORT_EVERY = Duration.ofSeconds(5);

    private final long started;
    private final Duration firstTimeout;
    private final Duration stallTimeout;
    private long lastCount = -1;
    private long lastChange;
    private long lastReport;

    StallWatch(long startedMillis, Duration firstTimeout, Duration stallTimeout) {
        this.started = startedMillis;
        this.firstTimeout = firstTimeout;
        this.stallTimeout = stallTimeout;
        this.lastChange = startedMillis;
    }

    /** Notes {@code count} at {@code now}; true when the drain counts as stalled. */
    boolean stalled(long count, long now) {
        if (count != lastCount) {
            lastCount = count;
            lastChange = now;
        }
        return count == 0 ? now - started > firstTimeout.toMillis() : now - lastChange > stallTimeout.toMillis();
    }

    /** When the count last moved. */
    long lastChange() {
        return lastChange;
    }

    /** True every few seconds: time for a progress line. */
    boolean report(long now) {
        if (now - lastReport < REPORT_EVERY.toMillis()) {
            return false;
        }
        lastReport = now;
        return true;
    }
}
