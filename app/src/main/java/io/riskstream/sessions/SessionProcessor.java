package io.riskstream.sessions;

import java.time.Clock;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.riskstream.events.SessionSummary;
import io.riskstream.events.SiteEvent;
import io.riskstream.windows.MergingSessions;
import io.riskstream.windows.Session;

/**
 * Shopping sessions of users, kept by hand rather than by the DSL's session windows so that a session closes
 * even when its user, or its whole partition, sends nothing more: the DSL closes windows only when stream
 * time moves, which an idle input never does.
 *
 * <p>A session ({@code start}..{@code end}) takes every event at most the gap away from it, merging sessions
 * an event bridges. It closes once "now" ({@link InputClock}) passes end + gap + grace: its one summary is
 * forwarded and the session removed from the store in the same transaction, so it is summarized exactly
 * once. An event later than that starts a new session. Closing is checked on a wall-clock punctuator (the
 * idle case) and, before an event is stored, whenever stream time moved on by the check interval or is behind the
 * last check.
 */
final class SessionProcessor implements Processor<String, SiteEvent, String, SessionSummary> {

    private final SessionSettings settings;
    private final Clock clock;
    private final InputClock inputClock = new InputClock();
    private ProcessorContext<String, SessionSummary> context;
    private MergingSessions<String, SessionAccumulator> sessions;
    private long lastCheck = InputClock.UNKNOWN;

    SessionProcessor(SessionSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, SessionSummary> context) {
        this.context = context;
        this.sessions = new MergingSessions<>(context.getStateStore(SessionTopology.SESSIONS_STORE),
                settings.inactivityGap(), SessionAccumulator::merge);
        long newestEnd = sessions.newestEnd().orElse(InputClock.UNKNOWN);
        inputClock.startFrom(Math.max(context.currentStreamTimeMs(), newestEnd), context.currentSystemTimeMs());
        context.schedule(settings.closeCheckInterval(), PunctuationType.WALL_CLOCK_TIME,
                wallClock -> closeDue(inputClock.now(wallClock)));
    }

    @Override
    public void process(Record<String, SiteEvent> record) {
        inputClock.recordArrived(Math.max(context.currentStreamTimeMs(), record.timestamp()),
                context.currentSystemTimeMs());
        long now = inputClock.now(context.currentSystemTimeMs());
        // Also when "now" is behind the last check: the wall-clock punctuator checked while the input was idle (or
        // busy with records this stream skips), ahead of the events that arrive now. Waiting for stream time to catch
        // up with that check would let the session store's retention hide sessions that are due (findSessions no
        // longer returns them), and they would never be summarized.
        if (lastCheck == InputClock.UNKNOWN || now < lastCheck
                || now - lastCheck >= settings.closeCheckInterval().toMillis()) {
            closeDue(now);
        }
        SessionAccumulator event = SessionAccumulator.of(record.value());
        sessions.put(sessions.merge(record.key(), event.start(), event));
    }

    private void closeDue(long now) {
        if (now == InputClock.UNKNOWN) {
            return;
        }
        lastCheck = now;
        for (Session<String, SessionAccumulator> session : sessions.removeEndedBefore(settings.openEndsFrom(now))) {
            context.forward(new Record<>(session.key(), session.value().summary(session.key(), clock.instant()),
                    session.value().end()));
        }
    }
}
