package io.riskstream.logins;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.micrometer.core.instrument.MeterRegistry;
import io.riskstream.events.LoginEvent;
import io.riskstream.events.MultiCountryAlert;
import io.riskstream.windows.MergingSessions;
import io.riskstream.windows.Session;

/**
 * Session windows of a user's logins, kept by hand rather than by the DSL so that a login too late for its
 * session is routed to the audit topic instead of being dropped, and so that an alert fires the moment a
 * session crosses the threshold rather than when the session ends.
 *
 * <p>Lateness is judged like Kafka Streams' own session windows: a login whose (merged) session ends more
 * than gap + lateness before stream time is too late; one whose session would have closed (more than the
 * gap before stream time) but is within the lateness still counts, and any alert it raises is late.
 *
 * <p>A failed login belongs to its user's session like any other (it is activity on the account, and a rule may
 * judge failed logins), but its country is kept apart: an alert reports the countries of successful logins. A
 * session alerts when a rule first fires on it, and again (an update) only when a rule fires and the session has
 * a successful country no alert reported, so failed logins alone never repeat an alert.
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
    private MergingSessions<String, LoginSession> sessions;

    LoginSessionProcessor(LoginSettings settings, AlertPolicy policy, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.policy = policy;
        this.clock = clock;
        this.meters = meters;
        // Both kinds at zero from the start: an alert on a rise needs the series before the first late event.
        meters.counter(LATE_METRIC, "kind", "within-lateness");
        meters.counter(LATE_METRIC, "kind", "past-lateness");
    }

    @Override
    public void init(ProcessorContext<String, LoginOutcome> context) {
        this.context = context;
        this.sessions = new MergingSessions<>(context.getStateStore(LoginTopology.SESSIONS_STORE),
                settings.inactivityGap(), LoginSession::merge);
    }

    @Override
    public void process(Record<String, LoginEvent> record) {
        LoginEvent login = record.value();
        String user = login.getUserId();
        long time = login.getEventTime().toEpochMilli();
        long streamTime = Math.max(context.currentStreamTimeMs(), time);
        long gap = settings.inactivityGap().toMillis();

        MergingSessions.Merge<String, LoginSession> merge =
                sessions.merge(user, time, LoginSession.of(login.getCountry(), login.getSuccess()));
        Session<String, LoginSession> merged = merge.merged();
        if (merged.end() < streamTime - gap - settings.allowedLateness().toMillis()) {
            tooLate(record, streamTime);
            return;
        }
        boolean late = merged.end() < streamTime - gap;
        if (late) {
            meters.counter(LATE_METRIC, "kind", "within-lateness").increment();
        }
        LoginSession session = merged.value();
        Optional<AlertPolicy.Verdict> verdict = session.mayAlert()
                ? policy.evaluate(new LoginSessionFacts(user, session.countries(), session.failedCountries()))
                : Optional.empty();
        if (verdict.isPresent()) {
            MultiCountryAlert alert = alert(merged, late, verdict.get());
            merge = merge.withValue(session.reported());
            meters.counter(ALERTS_METRIC, "late", String.valueOf(late), "update", String.valueOf(alert.getUpdate()))
                    .increment();
            // Fresh headers: an alert is a new record, not a copy of the login.
            context.forward(new Record<>(record.key(), LoginOutcome.alert(alert), record.timestamp()));
        }
        sessions.put(merge);
    }

    private MultiCountryAlert alert(Session<String, LoginSession> session, boolean late, AlertPolicy.Verdict verdict) {
        return MultiCountryAlert.newBuilder()
                .setUserId(session.key())
                .setWindowStart(Instant.ofEpochMilli(session.start()))
                .setWindowEnd(Instant.ofEpochMilli(session.end()))
                .setCountries(List.copyOf(session.value().countries()))
                .setLate(late)
                .setUpdate(session.value().alerted())
                .setRuleId(verdict.ruleId())
                .setRulesetVersion(verdict.rulesetVersion())
                .setDetectedAt(clock.instant())
                .build();
    }

    private void tooLate(Record<String, LoginEvent> record, long streamTime) {
        meters.counter(LATE_METRIC, "kind", "past-lateness").increment();
        // withValue copies the headers: the input record's own stay as they were.
        Record<String, LoginOutcome> late = record.withValue(LoginOutcome.tooLate(record.value()));
        Headers headers = late.headers();
        headers.add(LATE_REASON_HEADER, ("login at " + record.value().getEventTime() + " arrived after its session "
                + "closed and the allowed lateness of " + settings.allowedLateness() + " passed")
                .getBytes(StandardCharsets.UTF_8));
        headers.add(STREAM_TIME_HEADER, Instant.ofEpochMilli(streamTime).toString().getBytes(StandardCharsets.UTF_8));
        context.forward(late);
    }
}
