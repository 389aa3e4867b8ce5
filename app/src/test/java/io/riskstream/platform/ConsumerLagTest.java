package io.riskstream.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ConsumerLagTest {

    private final TopicPartition zero = new TopicPartition("transactions", 0);
    private final TopicPartition one = new TopicPartition("transactions", 1);
    private final TopicPartition gone = new TopicPartition("transactions", 2);

    @Test
    void lagIsTheCommittedEndMinusTheGroupsCommittedOffsetPerPartition() {
        Map<TopicPartition, Long> lags = ConsumerLag.lags(
                Map.of(zero, new OffsetAndMetadata(40), one, new OffsetAndMetadata(100), gone, new OffsetAndMetadata(5)),
                Map.of(zero, end(100), one, end(100)));

        assertThat(lags).containsExactlyInAnyOrderEntriesOf(Map.of(zero, 60L, one, 0L));
    }

    @Test
    void anEndBehindTheCommittedOffsetIsNoLagNotANegativeOne() {
        // Asked a moment apart, the end may be older than the committed offset.
        assertThat(ConsumerLag.lags(Map.of(zero, new OffsetAndMetadata(120)), Map.of(zero, end(100))))
                .containsEntry(zero, 0L);
    }

    private static ListOffsetsResultInfo end(long offset) {
        return new ListOffsetsResultInfo(offset, -1, Optional.empty());
    }
}
