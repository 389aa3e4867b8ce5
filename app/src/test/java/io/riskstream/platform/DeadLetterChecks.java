package io.riskstream.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;

import io.micrometer.core.instrument.MeterRegistry;
import io.riskstream.platform.HostileInputs.Batch;
import io.riskstream.platform.HostileInputs.Fate;
import io.riskstream.platform.HostileInputs.Input;

/** What every property test asserts of a topic's dead letters, whatever the topology. */
public final class DeadLetterChecks {

    private DeadLetterChecks() {
    }

    /**
     * The dead letters are exactly the batch's bad records, each once, each with the reason code its shape
     * implies and a reason in words; {@code metric} counted each of them.
     */
    public static void exactlyTheBadOnes(Batch batch, List<TestRecord<String, byte[]>> letters, MeterRegistry meters,
                                         String metric) {
        Map<Integer, Input> bad = batch.withFate(Fate.DEAD_LETTER).stream()
                .collect(Collectors.toMap(Input::offset, Function.identity()));
        Map<Integer, Long> lettersByOffset = letters.stream().collect(Collectors.groupingBy(
                letter -> Integer.parseInt(header(letter, DeadLetters.OFFSET_HEADER)), Collectors.counting()));
        assertThat(lettersByOffset.keySet()).as("offsets of the dead letters").isEqualTo(bad.keySet());
        assertThat(lettersByOffset.values()).as("dead letters of one record").allMatch(count -> count == 1);
        for (TestRecord<String, byte[]> letter : letters) {
            Input input = bad.get(Integer.parseInt(header(letter, DeadLetters.OFFSET_HEADER)));
            assertThat(header(letter, DeadLetters.REASON_CODE_HEADER)).as("reason code of %s", input.shape())
                    .isEqualTo(input.shape().reason().code());
            assertThat(header(letter, DeadLetters.REASON_HEADER)).as("reason of %s", input.shape()).isNotBlank();
        }
        double counted = meters.find(metric).counters().stream().mapToDouble(counter -> counter.count()).sum();
        assertThat(counted).as("dead letters counted in " + metric).isEqualTo(bad.size());
    }

    /** Bad records of the batch that a second reader of the topic (which writes no dead letters) skipped. */
    public static void badOnesSkipped(Batch batch, MeterRegistry meters, String metric) {
        double counted = meters.find(metric).counters().stream().mapToDouble(counter -> counter.count()).sum();
        assertThat(counted).as("skipped records counted in " + metric)
                .isEqualTo(batch.withFate(Fate.DEAD_LETTER).size());
    }

    public static String header(TestRecord<String, ?> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
