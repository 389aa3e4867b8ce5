package io.riskstream.sessions;

/**
 * "Now" in event time for one task, even when its input is idle: the stream time of the last record, plus
 * the wall-clock time that has passed since that record arrived.
 *
 * <p>Why not the wall clock alone: after a restart or during a backlog, the wall clock is far ahead of the
 * events being processed, and sessions whose next events are still in the backlog would close too early.
 * Here every record resets the wall-clock part, so while records flow "now" is stream time; only while
 * nothing arrives does "now" move on with the wall clock, as event time would if events kept coming.
 */
final class InputClock {

    static final long UNKNOWN = Long.MIN_VALUE;

    private long streamTime = UNKNOWN;
    private long wallClockAtRecord;

    /** A record was processed at {@code wallClockMs}; the task's stream time is now {@code streamTimeMs}. */
    void recordArrived(long streamTimeMs, long wallClockMs) {
        streamTime = Math.max(streamTime, streamTimeMs);
        wallClockAtRecord = wallClockMs;
    }

    /**
     * Stream time known from elsewhere (the state restored after a restart), before any record arrives. A negative
     * time is Kafka Streams' "not known yet" (a new task): the clock then stays unknown until the first record, so
     * that an app idle before its first events does not start its wall-clock "now" from the epoch.
     */
    void startFrom(long streamTimeMs, long wallClockMs) {
        if (streamTimeMs >= 0 && streamTimeMs > streamTime) {
            recordArrived(streamTimeMs, wallClockMs);
        }
    }

    /** The newest event time seen (or known from the state), without the wall clock; {@link #UNKNOWN} before. */
    long streamTime() {
        return streamTime;
    }

    /** Event time now, or {@link #UNKNOWN} before anything is known. */
    long now(long wallClockMs) {
        return streamTime == UNKNOWN ? UNKNOWN : streamTime + Math.max(0, wallClockMs - wallClockAtRecord);
    }
}
