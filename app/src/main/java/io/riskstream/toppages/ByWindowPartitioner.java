package io.riskstream.toppages;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Where a {@link ClosedWindow} goes: a window's views to the window's partition (by its key, the window start),
 * a watermark to every partition, so that every ranking partition knows how far each input partition has
 * closed, whichever windows it holds.
 */
final class ByWindowPartitioner implements StreamPartitioner<String, ClosedWindow> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, ClosedWindow value, int numPartitions) {
        if (value.closedThrough()) {
            return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
        }
        return Optional.of(Set.of(Math.floorMod(key.hashCode(), numPartitions)));
    }
}
