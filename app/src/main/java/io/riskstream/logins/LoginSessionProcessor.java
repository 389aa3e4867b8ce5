package io.riskstream.logins;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.internals.SessionWindow;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.SessionStore;

import io.micrometer.core.instrument.MeterRegistry;
import io.riskstream.events.LoginEvent;
import io.riskstream.events.MultiCountryAlert;

/**
 * Session windows of a user's logins, kept by hand rather than by the DSL so that a login too late for its
 * session is routed to the audit topic instead of being dropped, and so that an alert fires the moment a
 * session crosses the threshold rather than when the session ends.
 *
 * <p>Lateness is judged like Kafka Streams' own session windows: a login whose (merged) session ends more
 * than gap + lateness before stream time is too late; one whose session would have closed (more than the
 * gap before stream time) but is within the lateness still counts, and any alert it raises is late.
 */
final class LoginSessionProcessor implements Processor<String, LoginEvent, String, LoginOutcome> {

    static final String LATE_METRIC = "riskstream.logins.late";
    static final String ALERTS_METRIC = "riskstream.logins.alerts";
    static final String LATE_REASON_HEADER = "riskstream.late.reason";
    static final String STREAM_TIME_HEADER = "riskstream.late.stream-time";

    private final LoginSettings settings;
    private final AlertPolicy policy;
    private final Clock clock;
    private final MeterRegistry meters;
    private ProcessorContext<String, LoginOutcome> context;
    private SessionStore<String, LoginSession> sessions;

    LoginSessionProcessor(LoginSettings settings, AlertPolicy policy, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.policy = policy;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public void init(ProcessorContext<String, LoginOutcome> context) {
        this.context = context;
        this.sessions = context.getStateStore(LoginTopology.SESSIONS_STORE);
    }

    @Override
    public void process(Record<String, LoginEvent> record) {
        LoginEvent login = record.value();
        String user = login.getUserId();
        long time = login.getEventTime().toEpochMilli();
        long streamTime = Math.max(context.currentStreamTimeMs(), time);
        long gap = settings.inactivityGap().toMillis();

        List<KeyValue<Windowed<String>, LoginSession>> overlapping = overlapping(user, time, gap);
        LoginSession merged = LoginSession.of(login.getCountry());
        long start = time;
        long end = time;
        for (KeyValue<Windowed<String>, LoginSession> session : overlapping) {
            merged = merged.merge(session.value);
            start = Math.min(start, session.key.window().start());
            end = Math.max(end, session.key.window().end());
        }
        if (end < streamTime - gap - settings.allowedLateness().toMillis()) {
            tooLate(record, streamTime);
            return;
        }
        boolean late = end < streamTime - gap;
        if (late) {
            meters.counter(LATE_METRIC, "kind", "within-lateness").increment();
        }
        overlapping.forEach(session -> sessions.remove(session.key));
        Optional<AlertPolicy.Verdict> verdict = merged.hasUnreportedCountries()
                ? policy.evaluate(user, merged.countries()) : Optional.empty();
        if (verdict.isPresent()) {
            MultiCountryAlert alert = alert(user, start, end, merged, late, verdict.get());
            merged = merged.reported();
            meters.counter(ALERTS_METRIC, "late", String.valueOf(late), "update", String.valueOf(alert.getUpdate()))
                    .increment();
            context.forward(record.withValue(LoginOutcome.alert(alert)).withHeaders(new RecordHeaders()));
        }
        sessions.put(new Windowed<>(user, new SessionWindow(start, end)), merged);
    }

    private List<KeyValue<Windowed<String>, LoginSession>> overlapping(String user, long time, long gap) {
        List<KeyValue<Windowed<String>, LoginSession>> found = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, LoginSession> it = sessions.findSessions(user, time - gap, time + gap)) {
            it.forEachRemaining(found::add);
        }
        return found;
    }

    private MultiCountryAlert alert(String user, long start, long end, LoginSession session, boolean late,
                                    AlertPolicy.Verdict verdict) {
        return MultiCountryAlert.newBuilder()
                .setUserId(user)
                .setWindowStart(Instant.ofEpochMilli(start))
                .setWindowEnd(Instant.ofEpochMilli(end))
                .setCountries(List.copyOf(session.countries()))
                .setLate(late)
                .setUpdate(session.wasAlerted())
                .setRuleId(verdict.ruleId())
                .setRulesetVersion(verdict.rulesetVersion())
                .setDetectedAt(clock.instant())
                .build();
    }

    private void tooLate(Record<String, LoginEvent> record, long streamTime) {
        meters.counter(LATE_METRIC, "kind", "past-lateness").increment();
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(LATE_REASON_HEADER, ("login at " + record.value().getEventTime() + " arrived after its session "
                + "closed and the allowed lateness of " + settings.allowedLateness() + " passed")
                .getBytes(StandardCharsets.UTF_8));
        headers.add(STREAM_TIME_HEADER, Instant.ofEpochMilli(streamTime).toString().getBytes(StandardCharsets.UTF_8));
        context.forward(record.withValue(LoginOutcome.tooLate(record.value())).withHeaders(headers));
    }
}
