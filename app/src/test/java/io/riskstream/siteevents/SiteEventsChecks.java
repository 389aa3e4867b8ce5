package io.riskstream.siteevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import io.micrometer.core.instrument.MeterRegistry;
import io.riskstream.platform.DeadLetterChecks;
import io.riskstream.platform.DeadLetters;
import io.riskstream.platform.HostileInputs.Batch;
import io.riskstream.platform.Topics;

/** What the property tests of both streams that read {@code site-events} assert of bad events, in either role. */
public final class SiteEventsChecks {

    private SiteEventsChecks() {
    }

    /** The stream that writes the dead letters, or one that skips bad events, counted in {@code skippedMetric}. */
    public static SiteEventsInput reading(boolean writesDeadLetters, String skippedMetric) {
        return writesDeadLetters ? SiteEventsInput.deadLettering() : SiteEventsInput.skipping(skippedMetric);
    }

    /**
     * Every bad record of the batch is in {@code site-events.dlq} once, if {@code reading} writes the dead letters;
     * otherwise none is there and each was counted in {@code skippedMetric}.
     */
    public static void badOnesDeadLetteredOrSkipped(Batch batch, TopologyTestDriver driver, SiteEventsInput reading,
                                                    MeterRegistry meters, String skippedMetric) {
        List<TestRecord<String, byte[]>> letters = driver.createOutputTopic(Topics.SITE_EVENTS.deadLetterTopic(),
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer()).readRecordsToList();
        if (reading.writesDeadLetters()) {
            DeadLetterChecks.exactlyTheBadOnes(batch, letters, meters, DeadLetters.METRIC);
        } else {
            assertThat(letters).as("dead letters of a stream that skips bad events").isEmpty();
            DeadLetterChecks.badOnesSkipped(batch, meters, skippedMetric);
        }
    }
}
