package io.riskstream.sessions;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.riskstream.events.SessionSummary;
import io.riskstream.events.SiteEvent;
import io.riskstream.siteevents.SiteEventTypes;

/**
 * What a session of a user adds up to so far, and what of it has been summarized. Event types the app does not
 * know count as events and nothing else.
 *
 * @param start event time (millis) of the first event
 * @param end event time (millis) of the last event
 * @param currency the currency of its cart amounts: null while none said, {@link #MIXED} once two differed
 * @param revision the highest revision of a summary published for any part of it; 0 while none was
 * @param summarizedStarts the session starts of the summaries published for its parts and not yet superseded: what
 *     its next summary supersedes
 * @param summarized whether its last summary says all of it (a closed session kept for the allowed lateness)
 */
record SessionAccumulator(long start, long end, long events, long pageViews, long addedMinor, long removedMinor,
                          boolean checkedOut, String currency, int revision, List<Long> summarizedStarts,
                          boolean summarized) {

    /** The currency of a session whose cart events carried several: its cart value cannot be one number. */
    static final String MIXED = "MIXED";

    SessionAccumulator {
        summarizedStarts = List.copyOf(summarizedStarts);
    }

    /** A session as builds before state format 3 kept it: open, never summarized, currency unknown. */
    SessionAccumulator(long start, long end, long events, long pageViews, long addedMinor, long removedMinor,
                       boolean checkedOut) {
        this(start, end, events, pageViews, addedMinor, removedMinor, checkedOut, null, 0, List.of(), false);
    }

    static SessionAccumulator of(SiteEvent event) {
        String type = event.getType();
        long time = event.getEventTime().toEpochMilli();
        Long amount = event.getAmountMinor();
        boolean added = SiteEventTypes.ADD_TO_CART.equals(type);
        boolean removed = SiteEventTypes.REMOVE_FROM_CART.equals(type);
        // Only an amount has a currency: a page view that names one says nothing about the cart.
        String currency = amount != null && (added || removed) ? event.getCurrency() : null;
        long minor = amount == null ? 0 : amount;
        return new SessionAccumulator(time, time, 1, SiteEventTypes.PAGE_VIEW.equals(type) ? 1 : 0,
                added ? minor : 0, removed ? minor : 0, SiteEventTypes.CHECKOUT.equals(type), currency, 0, List.of(),
                false);
    }

    /** One session out of two that overlap or that an event bridged; it has news to summarize unless both had none. */
    SessionAccumulator merge(SessionAccumulator other) {
        List<Long> starts = List.copyOf(new TreeSet<>(
                Stream.concat(summarizedStarts.stream(), other.summarizedStarts.stream()).toList()));
        return new SessionAccumulator(Math.min(start, other.start), Math.max(end, other.end), events + other.events,
                pageViews + other.pageViews, addedMinor + other.addedMinor, removedMinor + other.removedMinor,
                checkedOut || other.checkedOut, currency(currency, other.currency), Math.max(revision, other.revision),
                starts, summarized && other.summarized);
    }

    /** The cart's value in {@link #currency}; 0 when the currency is {@link #MIXED}. */
    long cartValueMinor() {
        return MIXED.equals(currency) ? 0 : addedMinor - removedMinor;
    }

    /** Its summary: the first one of the session, or one that supersedes those of its parts. */
    SessionSummary summary(String userId, Instant closedAt) {
        return SessionSummary.newBuilder()
                .setUserId(userId)
                .setSessionStart(Instant.ofEpochMilli(start))
                .setSessionEnd(Instant.ofEpochMilli(end))
                .setDurationMs(end - start)
                .setEvents(events)
                .setPageViews(pageViews)
                .setCartValueMinor(cartValueMinor())
                .setCheckedOut(checkedOut)
                .setClosedAt(closedAt)
                .setCurrency(currency)
                .setRevision(revision + 1)
                .setSupersedes(summarizedStarts.stream().map(Instant::ofEpochMilli).toList())
                .build();
    }

    /** The same session once {@link #summary} was published: kept only for the late events still allowed. */
    SessionAccumulator afterSummary() {
        return new SessionAccumulator(start, end, events, pageViews, addedMinor, removedMinor, checkedOut, currency,
                revision + 1, List.of(start), true);
    }

    private static String currency(String one, String other) {
        if (one == null || Objects.equals(one, other)) {
            return other;
        }
        return other == null ? one : MIXED;
    }
}
