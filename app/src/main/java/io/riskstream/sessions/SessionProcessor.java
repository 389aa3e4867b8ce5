package io.riskstream.sessions;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.micrometer.core.instrument.MeterRegistry;
import io.riskstream.events.SiteEvent;
import io.riskstream.windows.MergingSessions;
import io.riskstream.windows.Session;

/**
 * Shopping sessions of users, kept by hand rather than by the DSL's session windows so that a session closes
 * even when its user, or its whole partition, sends nothing more (the DSL closes windows only when stream time
 * moves, which an idle input never does), and so that a late event corrects a summary rather than being lost.
 *
 * <p>A session ({@code start}..{@code end}) takes every event at most the gap away from it, merging sessions an
 * event bridges. It closes once "now" ({@link InputClock}) passes end + gap + grace: its summary is forwarded and
 * the session is marked summarized in the same transaction. It is kept, summarized, until stream time is an
 * allowed lateness (and a gap) further on: an event that arrives meanwhile merges into it, and when the merged
 * session closes its summary supersedes the earlier ones ({@code revision}, {@code supersedes}). An event more than
 * gap + grace + allowed lateness behind stream time goes to {@code late-site-events}; an {@code eventId} the user
 * already sent is ignored. Both are counted. Closing is checked on a wall-clock punctuator (the idle case) and,
 * before an event is stored, whenever stream time moved on by the check interval or is behind the last check.
 *
 * <p>Lateness and keeping are judged on stream time alone, never on the wall-clock part of "now": a task busy with
 * records this stream skips, or idle before a backlog, must not make the backlog late.
 */
final class SessionProcessor implements Processor<String, SiteEvent, String, SessionOutcome> {

    static final String LATE_METRIC = "riskstream.sessions.late";
    static final String DUPLICATES_METRIC = "riskstream.sessions.duplicates";
    static final String SUMMARIES_METRIC = "riskstream.sessions.summaries";
    static final String LATE_REASON_HEADER = "riskstream.late.reason";
    static final String STREAM_TIME_HEADER = "riskstream.late.stream-time";

    private final SessionSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private final InputClock inputClock = new InputClock();
    private ProcessorContext<String, SessionOutcome> context;
    private MergingSessions<String, SessionAccumulator> sessions;
    private SeenEvents seen;
    private final SessionDeadlines deadlines = new SessionDeadlines();
    private long lastCheck = InputClock.UNKNOWN;

    SessionProcessor(SessionSettings settings, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
        // Both kinds at zero from the start: an alert on a rise needs the series before the first late event.
        meters.counter(LATE_METRIC, "kind", "within-lateness");
        meters.counter(LATE_METRIC, "kind", "past-lateness");
    }

    @Override
    public void init(ProcessorContext<String, SessionOutcome> context) {
        this.context = context;
        this.sessions = new MergingSessions<>(context.getStateStore(SessionTopology.SESSIONS_STORE),
                settings.inactivityGap(), SessionAccumulator::merge);
        this.seen = new SeenEvents(context.getStateStore(SeenEvents.STORE));
        // The one read of the whole store: what is due when, and where the input's clock stood.
        long[] newestEnd = {InputClock.UNKNOWN};
        sessions.forEach(session -> {
            deadlines.stored(session);
            newestEnd[0] = Math.max(newestEnd[0], session.end());
        });
        inputClock.startFrom(Math.max(context.currentStreamTimeMs(), newestEnd[0]), context.currentSystemTimeMs());
        context.schedule(settings.closeCheckInterval(), PunctuationType.WALL_CLOCK_TIME,
                wallClock -> closeDue(inputClock.now(wallClock)));
    }

    @Override
    public void process(Record<String, SiteEvent> record) {
        inputClock.recordArrived(Math.max(context.currentStreamTimeMs(), record.timestamp()),
                context.currentSystemTimeMs());
        long now = inputClock.now(context.currentSystemTimeMs());
        // Also when "now" is behind the last check: the wall-clock punctuator checked while the input was idle (or
        // busy with records this stream skips), ahead of the events that arrive now; the sessions of those events
        // close as stream time passes them, not all at once.
        if (lastCheck == InputClock.UNKNOWN || now < lastCheck
                || now - lastCheck >= settings.closeCheckInterval().toMillis()) {
            closeDue(now);
        }
        long streamTime = inputClock.streamTime();
        if (settings.tooLate(record.timestamp(), streamTime)) {
            tooLate(record, streamTime);
            return;
        }
        if (seen.seenBefore(record.value())) {
            meters.counter(DUPLICATES_METRIC).increment();
            return;
        }
        SessionAccumulator event = SessionAccumulator.of(record.value());
        MergingSessions.Merge<String, SessionAccumulator> merge = sessions.merge(record.key(), event.start(), event);
        if (!merge.merged().value().summarizedStarts().isEmpty()) {
            meters.counter(LATE_METRIC, "kind", "within-lateness").increment();
        }
        sessions.put(merge);
        merge.bridged().forEach(deadlines::removed);
        deadlines.stored(merge.merged());
    }

    private void closeDue(long now) {
        if (now == InputClock.UNKNOWN) {
            return;
        }
        lastCheck = now;
        for (SessionDeadlines.Span due : deadlines.openEndedBefore(settings.openEndsFrom(now))) {
            stored(due).ifPresent(session -> {
                SessionAccumulator value = session.value();
                var summary = value.summary(session.key(), clock.instant());
                meters.counter(SUMMARIES_METRIC, "superseding", String.valueOf(!value.summarizedStarts().isEmpty()))
                        .increment();
                context.forward(new Record<>(session.key(), SessionOutcome.summary(summary), value.end()));
                Session<String, SessionAccumulator> closed = session.withValue(value.afterSummary());
                sessions.replace(session, closed.value());
                deadlines.stored(closed);
            });
        }
        for (SessionDeadlines.Span kept : deadlines.summarizedEndedBefore(
                settings.keptEndsFrom(inputClock.streamTime()))) {
            stored(kept).ifPresent(session -> {
                sessions.remove(session);
                deadlines.removed(session);
            });
        }
    }

    /** The stored session of a span; a span whose session the store dropped (its retention passed) is forgotten. */
    private java.util.Optional<Session<String, SessionAccumulator>> stored(SessionDeadlines.Span span) {
        var session = sessions.find(span.key(), span.start(), span.end());
        if (session.isEmpty()) {
            deadlines.forget(span);
        }
        return session;
    }

    private void tooLate(Record<String, SiteEvent> record, long streamTime) {
        meters.counter(LATE_METRIC, "kind", "past-lateness").increment();
        // withValue copies the headers: the input record's own stay as they were.
        Record<String, SessionOutcome> late = record.withValue(SessionOutcome.tooLate(record.value()));
        Headers headers = late.headers();
        headers.add(LATE_REASON_HEADER, ("site event at " + record.value().getEventTime() + " arrived more than the "
                + "gap, grace and allowed lateness of " + settings.inactivityGap() + ", " + settings.grace() + " and "
                + settings.allowedLateness() + " behind stream time").getBytes(StandardCharsets.UTF_8));
        headers.add(STREAM_TIME_HEADER, Instant.ofEpochMilli(streamTime).toString().getBytes(StandardCharsets.UTF_8));
        context.forward(late);
    }
}
