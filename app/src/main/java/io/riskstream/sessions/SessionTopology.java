package io.riskstream.sessions;

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
import io.riskstream.events.SessionSummary;
import io.riskstream.events.SiteEvent;
import io.riskstream.platform.Decoded;
import io.riskstream.platform.InputLimits;
import io.riskstream.platform.Topics;
import io.riskstream.siteevents.SiteEventsInput;
import io.riskstream.windows.MergingSessions;

/**
 * {@code site-events} → {@code session-summaries} (returned) and {@code late-site-events}. A pure function of its
 * arguments.
 *
 * <p>Bad site events go to {@code site-events.dlq} or, when another stream reading the topic writes them there,
 * are skipped and counted in {@value #SKIPPED_METRIC} (by reason): {@code input} says which.
 */
public final class SessionTopology {

    public static final String SESSIONS_STORE = "shopping-sessions";
    static final String SKIPPED_METRIC = "riskstream.sessions.skipped";

    private SessionTopology() {
    }

    public static KStream<String, SessionSummary> build(KStream<String, Decoded<SiteEvent>> events,
                                                        SiteEventsInput input, SessionSettings settings,
                                                        Serde<SiteEvent> lateSerde, InputLimits limits, Clock clock,
                                                        MeterRegistry meters) {
        String prefix = "shopping-";
        Map<String, KStream<String, SessionOutcome>> outcomes = input.usable(events, limits, meters)
                .process(new SessionSupplier(settings, clock, meters), Named.as("shopping-sessions"))
                .split(Named.as(prefix))
                .branch((user, outcome) -> outcome.isTooLate(), Branched.as("too-late"))
                .defaultBranch(Branched.as("summary"));
        outcomes.get(prefix + "too-late").mapValues(SessionOutcome::tooLate, Named.as("too-late-site-event"))
                .to(Topics.LATE_SITE_EVENTS.name(),
                        Produced.with(Serdes.String(), lateSerde).withName("late-site-events"));
        return outcomes.get(prefix + "summary").mapValues(SessionOutcome::summary, Named.as("session-summary"));
    }

    private record SessionSupplier(SessionSettings settings, Clock clock, MeterRegistry meters)
            implements ProcessorSupplier<String, SiteEvent, String, SessionOutcome> {

        @Override
        public Processor<String, SiteEvent, String, SessionOutcome> get() {
            return new SessionProcessor(settings, clock, meters);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            // A summarized session is kept until it ends a gap before the earliest event that is not too late; the
            // store must keep it visible that long behind its newest session (settings.retention()).
            return Set.of(MergingSessions.storeBuilder(SESSIONS_STORE, settings.retention(), Serdes.String(),
                    new SessionAccumulatorSerde()), SeenEvents.storeBuilder(settings));
        }
    }
}
