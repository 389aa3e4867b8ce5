package io.riskstream.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.riskstream.load.DrillTimeline.Seen;

class DrillTimelineTest {

    @Test
    void decisionsComeBackWhenTheLastPartitionDecidesATransactionSentAfterTheKill() {
        DrillTimeline timeline = new DrillTimeline();
        timeline.add(new Seen(900, 950, 0));     // sent before the kill at 1000: does not count
        timeline.add(new Seen(1_100, 1_200, 0));
        timeline.add(new Seen(1_050, 5_000, 1));
        timeline.add(new Seen(1_300, 3_000, 1));  // partition 1's first after the kill, seen before the older one

        assertThat(timeline.firstSeenOfSentFrom(1_000)).isEqualTo(1_200);
        assertThat(timeline.everyPartitionSeenOfSentFrom(1_000, 2)).isEqualTo(3_000);
        assertThat(timeline.everyPartitionSeenOfSentFrom(1_000, 3)).as("partition 2 never came back").isZero();
    }

    @Test
    void latenciesAreOfTransactionsSentInTheSpan() {
        DrillTimeline timeline = new DrillTimeline();
        timeline.add(new Seen(100, 150, 0));
        timeline.add(new Seen(200, 900, 0));
        timeline.add(new Seen(300, 310, 0));

        assertThat(timeline.latencies(100, 300)).containsExactly(50, 700);
    }

    @Test
    void theLongestPauseCountsTheEndsOfTheSpan() {
        DrillTimeline timeline = new DrillTimeline();
        timeline.add(new Seen(0, 1_000, 0));
        timeline.add(new Seen(0, 1_500, 0));
        timeline.add(new Seen(0, 4_000, 0));

        assertThat(timeline.longestPause(0, 5_000)).isEqualTo(2_500);
        assertThat(timeline.longestPause(0, 10_000)).as("nothing after 4 s").isEqualTo(6_000);
        assertThat(timeline.longestPause(5_000, 6_000)).as("nothing at all").isEqualTo(1_000);
    }
}
