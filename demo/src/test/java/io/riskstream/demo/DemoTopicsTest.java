package io.riskstream.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.riskstream.schemas.SchemaCatalog;
import io.riskstream.schemas.Subject;

/** The demo names its topics itself, as an upstream system would: they must be the catalog's, for the right values. */
class DemoTopicsTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void everyFeedWritesAGovernedTopicWithItsSchemasValues() {
        SchemaCatalog catalog = SchemaCatalog.load();
        ManualClock clock = new ManualClock("2026-11-25T12:00:00Z");

        for (Feed<?> feed : DemoTraffic.feeds(new DemoSettings(5, 5, 5, SECOND), clock)) {
            Object value = feed.nextBatch(SECOND).get(0).value();
            assertThat(catalog.subject(feed.topic() + "-value")).as(feed.topic())
                    .map(Subject::recordClass).contains(value.getClass());
        }
    }
}
