package io.riskstream.windows;

import org.apache.kafka.streams.kstream.Window;

/**
 * The span of one session, first to last event, both inclusive: what Kafka Streams' own session windows are, on
 * public API only (its {@code SessionWindow} is internal and may change in any release). The session store keeps
 * only the start and end, so sessions written with either class read back the same.
 */
final class SessionSpan extends Window {

    SessionSpan(long start, long end) {
        super(start, end);
    }

    /** Two sessions overlap when they share a millisecond: both ends count. */
    @Override
    public boolean overlap(Window other) {
        return start() <= other.end() && other.start() <= end();
    }
}
