package io.riskstream.siteevents;

import org.apache.kafka.streams.kstream.KStream;

import io.micrometer.core.instrument.MeterRegistry;
import io.riskstream.events.SiteEvent;
import io.riskstream.platform.DeadLetters;
import io.riskstream.platform.Decoded;
import io.riskstream.platform.InputLimits;
import io.riskstream.platform.Topics;

/**
 * How one stream reads {@code site-events}: every reader checks events the same way, and one of them writes the
 * bad ones to {@code site-events.dlq} ({@link SiteEventReaders} says which); the others skip them and count them
 * in their own metric, so that each bad event is in the dead-letter topic once.
 */
public final class SiteEventsInput {

    private final boolean writesDeadLetters;
    private final String skippedMetric;

    private SiteEventsInput(boolean writesDeadLetters, String skippedMetric) {
        this.writesDeadLetters = writesDeadLetters;
        this.skippedMetric = skippedMetric;
    }

    /** The reader that writes the bad events to {@code site-events.dlq}, counted in {@value DeadLetters#METRIC}. */
    public static SiteEventsInput deadLettering() {
        return new SiteEventsInput(true, DeadLetters.METRIC);
    }

    /** A reader that skips the bad events, counted in {@code skippedMetric}: another one dead-letters them. */
    public static SiteEventsInput skipping(String skippedMetric) {
        return new SiteEventsInput(false, skippedMetric);
    }

    public boolean writesDeadLetters() {
        return writesDeadLetters;
    }

    /** The site events that decoded, have an acceptable event time and are valid. */
    public KStream<String, SiteEvent> usable(KStream<String, Decoded<SiteEvent>> events, InputLimits limits,
                                             MeterRegistry meters) {
        SiteEventValidator validator = new SiteEventValidator();
        return writesDeadLetters
                ? DeadLetters.route(events, Topics.SITE_EVENTS, validator, limits, meters)
                : DeadLetters.checked(events, Topics.SITE_EVENTS, validator, limits, meters, skippedMetric);
    }
}
