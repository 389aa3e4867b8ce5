package io.riskstream.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.riskstream.events.SessionSummary;
import io.riskstream.events.SiteEvent;

/**
 * The contract's sessions computed the plain way, from a whole history, and what a reader of
 * {@code session-summaries} keeps once it applies supersessions: what the sessions tests compare.
 */
final class SessionReference {

    private SessionReference() {
    }

    /** What a session is, as a reader sees it in a summary. */
    record Outcome(String user, Instant start, Instant end, long events, long pageViews, long cartValueMinor,
                   boolean checkedOut, String currency) {

        static Outcome of(SessionSummary summary) {
            return new Outcome(summary.getUserId(), summary.getSessionStart(), summary.getSessionEnd(),
                    summary.getEvents(), summary.getPageViews(), summary.getCartValueMinor(), summary.getCheckedOut(),
                    summary.getCurrency());
        }
    }

    /** The summaries a reader keeps: each replaces those it supersedes, which must have been published before. */
    static List<Outcome> latest(List<SessionSummary> summaries) {
        Map<String, Map<Instant, SessionSummary>> kept = new HashMap<>();
        for (SessionSummary summary : summaries) {
            Map<Instant, SessionSummary> user = kept.computeIfAbsent(summary.getUserId(), u -> new LinkedHashMap<>());
            for (Instant start : summary.getSupersedes()) {
                assertThat(user).as("a superseded summary was published").containsKey(start);
                user.remove(start);
            }
            assertThat(user).as("a summary of a session not yet summarized").doesNotContainKey(
                    summary.getSessionStart());
            user.put(summary.getSessionStart(), summary);
        }
        return kept.values().stream().flatMap(user -> user.values().stream()).map(Outcome::of).toList();
    }

    /** The contract's answer: the whole history sorted, duplicates dropped, split at gaps longer than the gap. */
    static List<Outcome> reference(List<SiteEvent> history, Duration gap) {
        Map<String, List<SiteEvent>> byUser = history.stream().collect(Collectors.groupingBy(SiteEvent::getUserId,
                Collectors.collectingAndThen(Collectors.toMap(SiteEvent::getEventId, e -> e, (first, again) -> first),
                        byId -> List.copyOf(byId.values()))));
        List<Outcome> sessions = new ArrayList<>();
        byUser.forEach((user, events) -> {
            List<SiteEvent> sorted = events.stream().sorted(Comparator.comparing(SiteEvent::getEventTime)).toList();
            List<SiteEvent> session = new ArrayList<>();
            for (SiteEvent event : sorted) {
                if (!session.isEmpty() && event.getEventTime().toEpochMilli()
                        - session.get(session.size() - 1).getEventTime().toEpochMilli() > gap.toMillis()) {
                    sessions.add(summarize(user, session));
                    session.clear();
                }
                session.add(event);
            }
            sessions.add(summarize(user, session));
        });
        return sessions;
    }

    private static Outcome summarize(String user, List<SiteEvent> events) {
        long cart = 0;
        Set<String> currencies = new HashSet<>();
        for (SiteEvent event : events) {
            if (event.getType().endsWith("_CART")) {
                cart += event.getType().equals("ADD_TO_CART") ? event.getAmountMinor() : -event.getAmountMinor();
                if (event.getCurrency() != null) {
                    currencies.add(event.getCurrency());
                }
            }
        }
        String currency = currencies.size() > 1 ? SessionAccumulator.MIXED
                : currencies.stream().findFirst().orElse(null);
        return new Outcome(user, events.get(0).getEventTime(), events.get(events.size() - 1).getEventTime(),
                events.size(), events.stream().filter(e -> e.getType().equals("PAGE_VIEW")).count(),
                currencies.size() > 1 ? 0 : cart, events.stream().anyMatch(e -> e.getType().equals("CHECKOUT")),
                currency);
    }
}
