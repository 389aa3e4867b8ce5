package io.riskstream.sessions;

import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

import io.riskstream.windows.Session;

/**
 * Which stored sessions are due, in end-time order, so that a check for sessions to close or forget looks at those
 * and nothing else. Before, every check read every session the store kept, the summarized ones waiting out the
 * allowed lateness included: a walk of the whole store in one transaction, every second.
 *
 * <p>Kept in memory beside the store, per task: rebuilt from one read of the store when the task starts, then told
 * of every session stored or removed. Open sessions close by their end; summarized ones are forgotten by their
 * end. About a hundred bytes per session the store keeps (an allowed lateness and a gap's worth).
 */
final class SessionDeadlines {

    /** A stored session, without its value. */
    record Span(String key, long start, long end) {

        static Span of(Session<String, ?> session) {
            return new Span(session.key(), session.start(), session.end());
        }
    }

    private static final Comparator<Span> BY_END = Comparator.comparingLong(Span::end)
            .thenComparingLong(Span::start).thenComparing(Span::key);

    private final NavigableSet<Span> open = new TreeSet<>(BY_END);
    private final NavigableSet<Span> summarized = new TreeSet<>(BY_END);

    /** A session was stored, new or with a new value. */
    void stored(Session<String, SessionAccumulator> session) {
        Span span = Span.of(session);
        (session.value().summarized() ? summarized : open).add(span);
        (session.value().summarized() ? open : summarized).remove(span);
    }

    /** A session is gone from the store. */
    void removed(Session<String, ?> session) {
        forget(Span.of(session));
    }

    /** Open sessions that ended before {@code end}, earliest end first. */
    List<Span> openEndedBefore(long end) {
        return List.copyOf(open.headSet(new Span("", Long.MIN_VALUE, end), false));
    }

    /** Summarized sessions that ended before {@code end}, earliest end first. */
    List<Span> summarizedEndedBefore(long end) {
        return List.copyOf(summarized.headSet(new Span("", Long.MIN_VALUE, end), false));
    }

    /** Forgets a span whose session the store no longer has (its segment expired). */
    void forget(Span span) {
        open.remove(span);
        summarized.remove(span);
    }
}
