package io.riskstream.demo;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import io.riskstream.events.SiteEvent;

/**
 * The demo's web shop events made ahead of time instead of sent, as {@link DemoTransactions} makes its
 * transactions: shoppers in sessions, on a clock that moves tick by tick as fast as the generator goes. For the
 * load harness, which pre-loads them to time how fast the app's site-event streams drain a backlog.
 */
public final class DemoSiteEvents {

    private DemoSiteEvents() {
    }

    /** The first {@code count} site events the demo sends from {@code start} at {@code perSecond}, in order. */
    public static List<SiteEvent> recorded(Instant start, int perSecond, int count, long seed) {
        ManualClock clock = new ManualClock(start);
        return clock.record(new SiteEventGenerator(clock, new SplittableRandom(seed)), perSecond, count);
    }
}
