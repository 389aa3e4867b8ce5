package io.riskstream.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * What the demo has sent so far, by topic: records the broker acknowledged, records that could not be sent,
 * and records of a pattern (fraud, retry, country hopping). Counted from the scheduler thread and the
 * producer's callbacks at once.
 */
final class DemoStats {

    private record Counts(LongAdder sent, LongAdder failed, LongAdder inPatterns) {

        Counts() {
            this(new LongAdder(), new LongAdder(), new LongAdder());
        }
    }

    private final Map<String, Counts> byTopic = new LinkedHashMap<>();

    /** Every topic is there from the start, so that a summary says 0 rather than nothing. */
    DemoStats(List<String> topics) {
        topics.forEach(topic -> byTopic.put(topic, new Counts()));
    }

    void sent(String topic) {
        counts(topic).sent().increment();
    }

    void failed(String topic) {
        counts(topic).failed().increment();
    }

    void inPattern(String topic) {
        counts(topic).inPatterns().increment();
    }

    long sentTo(String topic) {
        return counts(topic).sent().sum();
    }

    long failedFor(String topic) {
        return counts(topic).failed().sum();
    }

    long inPatternsTo(String topic) {
        return counts(topic).inPatterns().sum();
    }

    /** One line, such as {@code transactions 1200 sent (30 in patterns, 0 failed), logins 300 sent (...)}. */
    String summary() {
        return byTopic.entrySet().stream().map(entry -> "%s %d sent (%d in patterns, %d failed)".formatted(
                entry.getKey(), entry.getValue().sent().sum(), entry.getValue().inPatterns().sum(),
                entry.getValue().failed().sum())).collect(Collectors.joining(", "));
    }

    private Counts counts(String topic) {
        Counts counts = byTopic.get(topic);
        if (counts == null) {
            throw new IllegalArgumentException("not a demo topic: " + topic);
        }
        return counts;
    }
}
