package io.riskstream.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * What a stream does when its thread dies: it is replaced ({@code REPLACE_THREAD}), never the whole client shut
 * down, after a pause that grows with failures in a row, up to {@link #MAX_BACKOFF}. A thread dies only for what is
 * not about one record — the registry or the brokers away, the producer fenced — since every bad record is
 * dead-lettered; the new thread starts from the last commit, so under exactly-once nothing is lost or doubled, and
 * once the dependency is back the stream goes on by itself. Each replacement is counted in {@value #METRIC} and
 * logged with its cause.
 */
public final class StreamThreadRecovery implements StreamsUncaughtExceptionHandler {

    public static final String METRIC = "riskstream.streams.thread.replacements";
    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** Failures further apart than this are not "in a row". */
    static final Duration CALM = Duration.ofMinutes(2);
    static final int FAILING_IN_A_ROW = 3;
    /** How long a replaced thread may take to meet the failure again: the retries of a registry lookup and so on. */
    static final Duration SETTLE = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(StreamThreadRecovery.class);

    private final String stream;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Sleeper sleeper;
    private final AtomicInteger inARow = new AtomicInteger();
    private volatile Instant lastFailure = Instant.MIN;
    private volatile String lastCause = "";

    /** How the handler waits; a test waits for nothing. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public StreamThreadRecovery(String stream, MeterRegistry meters, Clock clock) {
        this(stream, meters, clock, duration -> Thread.sleep(duration.toMillis()));
    }

    StreamThreadRecovery(String stream, MeterRegistry meters, Clock clock, Sleeper sleeper) {
        this.stream = stream;
        this.meters = meters;
        this.clock = clock;
        this.sleeper = sleeper;
        // At zero from the start: an alert on a rise needs the series before the first replacement.
        meters.counter(METRIC, "stream", stream);
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        Instant now = clock.instant();
        int failures = now.isAfter(lastFailure.plus(CALM)) ? inARow.updateAndGet(n -> 1) : inARow.incrementAndGet();
        lastFailure = now;
        lastCause = DeadLetterMarker.reason(exception);
        Duration backoff = backoff(failures);
        meters.counter(METRIC, "stream", stream).increment();
        LOG.error("A thread of stream {} died ({} in a row); it is replaced in {} ms and resumes from the last commit",
                stream, failures, backoff.toMillis(), exception);
        try {
            // The dying thread waits, not the new one: a registry that is down is not asked again at once.
            sleeper.sleep(backoff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    static Duration backoff(int failuresInARow) {
        long millis = FIRST_BACKOFF.toMillis() << Math.min(failuresInARow - 1, 16);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    /** Failures in a row so far (0 after a calm period is only known at the next failure). */
    public int failuresInARow() {
        return inARow.get();
    }

    /**
     * Whether the stream is failing now: {@value #FAILING_IN_A_ROW} threads or more died in a row, and the last one
     * recently enough that the next would already have died if the cause were still there (twice its pause, plus
     * {@link #SETTLE}). A single replacement is business as usual (a broker restart); a stream that keeps dying is
     * not processing, whatever its state says; one that stopped dying is well again within a minute or so.
     */
    public boolean isFailing() {
        int failures = inARow.get();
        return failures >= FAILING_IN_A_ROW
                && clock.instant().isBefore(lastFailure.plus(backoff(failures).multipliedBy(2)).plus(SETTLE));
    }

    public Instant lastFailure() {
        return lastFailure;
    }

    /** The message of the last failure and its causes. */
    public String lastCause() {
        return lastCause;
    }
}
