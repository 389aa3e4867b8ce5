package io.riskstream.sessions;

import java.time.Clock;
import java.util.Set;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.SessionStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import io.micrometer.core.instrument.MeterRegistry;
import io.riskstream.events.SessionSummary;
import io.riskstream.events.SiteEvent;
import io.riskstream.platform.DeadLetters;
import io.riskstream.platform.Decoded;
import io.riskstream.platform.InputLimits;
import io.riskstream.platform.Topics;
import io.riskstream.toppages.SiteEventValidator;

/**
 * {@code site-events} → {@code session-summaries} (returned). A pure function of its arguments.
 *
 * <p>Bad site events are skipped here and counted in {@value #SKIPPED_METRIC} (by reason), not dead-lettered:
 * the top-pages stream reads the same topic with the same checks and owns {@code site-events.dlq}, so that
 * every bad event is there once, not once per stream.
 */
public final class SessionTopology {

    public static final String SESSIONS_STORE = "shopping-sessions";
    static final String SKIPPED_METRIC = "riskstream.sessions.skipped";

    private SessionTopology() {
    }

    public static KStream<String, SessionSummary> build(KStream<String, Decoded<SiteEvent>> events,
                                                        SessionSettings settings, InputLimits limits, Clock clock,
                                                        MeterRegistry meters) {
        return DeadLetters.checked(events, Topics.SITE_EVENTS, new SiteEventValidator(), limits, meters,
                        SKIPPED_METRIC)
                .process(new SessionSupplier(settings, clock), Named.as("shopping-sessions"));
    }

    private record SessionSupplier(SessionSettings settings, Clock clock)
            implements ProcessorSupplier<String, SiteEvent, String, SessionSummary> {

        @Override
        public Processor<String, SiteEvent, String, SessionSummary> get() {
            return new SessionProcessor(settings, clock);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            // Closed sessions are removed when they close, at end + gap + grace; the retention only has to be
            // longer than that, with a gap to spare for stream time that jumps between two close checks.
            StoreBuilder<SessionStore<String, SessionAccumulator>> sessions = Stores.sessionStoreBuilder(
                    Stores.persistentSessionStore(SESSIONS_STORE,
                            settings.inactivityGap().multipliedBy(2).plus(settings.grace())),
                    Serdes.String(), new SessionAccumulatorSerde());
            return Set.of(sessions);
        }
    }
}
