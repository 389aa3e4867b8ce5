package io.riskstream.sessions;

import java.time.Instant;

import io.riskstream.events.SessionSummary;
import io.riskstream.events.SiteEvent;
import io.riskstream.siteevents.SiteEventTypes;

/**
 * What a session of a user adds up to so far. Event types the app does not know count as events and
 * nothing else.
 *
 * @param start event time (millis) of the first event
 * @param end event time (millis) of the last event
 */
record SessionAccumulator(long start, long end, long events, long pageViews, long addedMinor, long removedMinor,
                          boolean checkedOut) {

    static SessionAccumulator of(SiteEvent event) {
        String type = event.getType();
        long time = event.getEventTime().toEpochMilli();
        long amount = event.getAmountMinor() == null ? 0 : event.getAmountMinor();
        return new SessionAccumulator(time, time, 1,
                SiteEventTypes.PAGE_VIEW.equals(type) ? 1 : 0,
                SiteEventTypes.ADD_TO_CART.equals(type) ? amount : 0,
                SiteEventTypes.REMOVE_FROM_CART.equals(type) ? amount : 0,
                SiteEventTypes.CHECKOUT.equals(type));
    }

    /** One session out of two that overlap or that an event bridged. */
    SessionAccumulator merge(SessionAccumulator other) {
        return new SessionAccumulator(Math.min(start, other.start), Math.max(end, other.end), events + other.events,
                pageViews + other.pageViews, addedMinor + other.addedMinor, removedMinor + other.removedMinor,
                checkedOut || other.checkedOut);
    }

    long cartValueMinor() {
        return addedMinor - removedMinor;
    }

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
                .build();
    }
}
