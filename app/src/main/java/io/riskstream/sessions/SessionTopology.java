package io.riskstream.sessions;

import java.time.Clock;
import java.util.Set;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

import io.micrometer.core.instrument.MeterRegistry;
import io.riskstream.events.SessionSummary;
import io.riskstream.events.SiteEvent;
import io.riskstream.platform.Decoded;
import io.riskstream.platform.InputLimits;
import io.riskstream.siteevents.SiteEventsInput;
import io.riskstream.windows.MergingSessions;

/**
 * {@code site-events} → {@code session-summaries} (returned). A pure function of its arguments.
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
                                                        InputLimits limits, Clock clock, MeterRegistry meters) {
        return input.usable(events, limits, meters)
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
            return Set.of(MergingSessions.storeBuilder(SESSIONS_STORE,
                    settings.inactivityGap().multipliedBy(2).plus(settings.grace()), Serdes.String(),
                    new SessionAccumulatorSerde()));
        }
    }
}
