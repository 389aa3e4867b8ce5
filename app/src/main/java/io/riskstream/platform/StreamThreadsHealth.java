package io.riskstream.platform;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Health contributor {@code streamThreads}: DOWN while a stream keeps losing its threads (see
 * {@link StreamThreadRecovery#isFailing()}), with the cause. The binder's own contributor says whether each
 * Kafka Streams client is RUNNING; a client whose threads die and are replaced one after the other stays
 * RUNNING while it processes nothing, and only this one says so.
 */
public final class StreamThreadsHealth implements HealthIndicator {

    private final Map<String, StreamThreadRecovery> byStream = new ConcurrentSkipListMap<>();
    private final MeterRegistry meters;
    private final Clock clock;

    public StreamThreadsHealth(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    /** The uncaught-exception handler of {@code stream}, one per stream. */
    StreamThreadRecovery recoveryOf(String stream) {
        return byStream.computeIfAbsent(stream, name -> new StreamThreadRecovery(name, meters, clock));
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        for (Map.Entry<String, StreamThreadRecovery> stream : byStream.entrySet()) {
            StreamThreadRecovery recovery = stream.getValue();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("threadsReplacedInARow", recovery.failuresInARow());
            if (recovery.failuresInARow() > 0) {
                details.put("lastFailure", recovery.lastFailure().toString());
                details.put("lastCause", recovery.lastCause());
            }
            if (recovery.isFailing()) {
                health.down();
                details.put("reason", "its threads keep dying and being replaced: it is not processing");
            }
            health.withDetail(stream.getKey(), details);
        }
        return health.build();
    }
}
