package io.riskstream.siteevents;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

import io.riskstream.platform.Streams;
import io.riskstream.platform.Topics;

/**
 * Which of the streams reading {@code site-events} writes {@code site-events.dlq}: the first enabled function (in
 * {@code spring.cloud.function.definition}) whose input is bound to {@code site-events}. Decided from what is
 * enabled, not fixed per stream, so that turning one stream off moves the dead letters to another reader instead
 * of dropping them, and never changes what the remaining stream computes.
 */
public final class SiteEventReaders {

    static final String DEFINITION = "spring.cloud.function.definition";

    private static final Logger LOG = LoggerFactory.getLogger(SiteEventReaders.class);

    private final Optional<String> deadLetterWriter;

    SiteEventReaders(List<String> enabledFunctions, Predicate<String> readsSiteEvents) {
        this.deadLetterWriter = enabledFunctions.stream().filter(readsSiteEvents).findFirst();
    }

    /** From the functions the binder binds, and which of them the stream catalog says read site events. */
    static SiteEventReaders of(Environment environment) {
        List<String> enabled = Arrays.stream(environment.getProperty(DEFINITION, "").split(";"))
                .map(String::trim).filter(name -> !name.isEmpty()).toList();
        return new SiteEventReaders(enabled, function -> Streams.ALL.stream().anyMatch(
                stream -> stream.function().equals(function) && stream.input().equals(Topics.SITE_EVENTS)));
    }

    Optional<String> deadLetterWriter() {
        return deadLetterWriter;
    }

    /**
     * How the function {@code function} reads site events: dead-lettering the bad ones if it is the writer, otherwise
     * skipping them and counting them in {@code skippedMetric}.
     */
    public SiteEventsInput input(String function, String skippedMetric) {
        // No reader of site-events in the configuration, yet one asks: it writes, as a bad event twice in the
        // dead-letter topic is better than none.
        if (deadLetterWriter.map(function::equals).orElse(true)) {
            LOG.info("{} writes bad site events to {}", function, Topics.SITE_EVENTS.deadLetterTopic());
            return SiteEventsInput.deadLettering();
        }
        LOG.info("{} skips bad site events, counted in {}: {} writes them to {}", function, skippedMetric,
                deadLetterWriter.get(), Topics.SITE_EVENTS.deadLetterTopic());
        return SiteEventsInput.skipping(skippedMetric);
    }
}
