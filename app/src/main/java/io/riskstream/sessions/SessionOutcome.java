package io.riskstream.sessions;

import io.riskstream.events.SessionSummary;
import io.riskstream.events.SiteEvent;

/** What the sessions processor forwards: a summary, or a site event too late to count. */
record SessionOutcome(SessionSummary summary, SiteEvent tooLate) {

    static SessionOutcome summary(SessionSummary summary) {
        return new SessionOutcome(summary, null);
    }

    static SessionOutcome tooLate(SiteEvent event) {
        return new SessionOutcome(null, event);
    }

    boolean isTooLate() {
        return tooLate != null;
    }
}
