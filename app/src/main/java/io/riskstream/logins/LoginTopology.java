package io.riskstream.logins;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

import io.micrometer.core.instrument.MeterRegistry;
import io.riskstream.events.LoginEvent;
import io.riskstream.events.MultiCountryAlert;
import io.riskstream.platform.DeadLetters;
import io.riskstream.platform.InputLimits;
import io.riskstream.platform.Decoded;
import io.riskstream.platform.Topics;
import io.riskstream.windows.MergingSessions;

/**
 * {@code logins} → {@code login-alerts} (returned), {@code login-alerts-late} and {@code late-logins}, with
 * bad logins to {@code logins.dlq}. A pure function of its arguments.
 */
public final class LoginTopology {

    public static final String SESSIONS_STORE = "login-sessions";

    private LoginTopology() {
    }

    public static KStream<String, MultiCountryAlert> build(KStream<String, Decoded<LoginEvent>> logins,
                                                           LoginSettings settings, AlertPolicy policy,
                                                           Serde<MultiCountryAlert> alertSerde,
                                                           Serde<LoginEvent> loginSerde, InputLimits limits,
                                                           Clock clock, MeterRegistry meters) {
        String prefix = "login-";
        Map<String, KStream<String, LoginOutcome>> outcomes = DeadLetters
                .route(logins, Topics.LOGINS, new LoginValidator(), limits, meters)
                .process(new SessionSupplier(settings, policy, clock, meters), Named.as("login-sessions"))
                .split(Named.as(prefix))
                .branch((user, outcome) -> outcome.isTooLate(), Branched.as("too-late"))
                .branch((user, outcome) -> outcome.isLateAlert(), Branched.as("late-alert"))
                .defaultBranch(Branched.as("alert"));
        outcomes.get(prefix + "too-late").mapValues(LoginOutcome::tooLate, Named.as("too-late-login"))
                .to(Topics.LATE_LOGINS.name(), Produced.with(Serdes.String(), loginSerde).withName("late-logins"));
        outcomes.get(prefix + "late-alert").mapValues(LoginOutcome::alert, Named.as("late-alert-value"))
                .to(Topics.LOGIN_ALERTS_LATE.name(),
                        Produced.with(Serdes.String(), alertSerde).withName("login-alerts-late"));
        return outcomes.get(prefix + "alert").mapValues(LoginOutcome::alert, Named.as("alert-value"));
    }

    private record SessionSupplier(LoginSettings settings, AlertPolicy policy, Clock clock, MeterRegistry meters)
            implements ProcessorSupplier<String, LoginEvent, String, LoginOutcome> {

        @Override
        public Processor<String, LoginEvent, String, LoginOutcome> get() {
            return new LoginSessionProcessor(settings, policy, clock, meters);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            // A session must outlive the last login that may still bridge it to a later session: such a
            // login is at most a gap after the session's end, and at most gap + lateness behind stream time.
            return Set.of(MergingSessions.storeBuilder(SESSIONS_STORE,
                    settings.inactivityGap().multipliedBy(2).plus(settings.allowedLateness()), Serdes.String(),
                    new LoginSessionSerde()));
        }
    }
}
