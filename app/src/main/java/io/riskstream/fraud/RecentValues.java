package io.riskstream.fraud;

import java.util.ArrayList;
import java.util.List;

/**
 * The most recent distinct values (countries, merchants) with the event time each was last seen,
 * newest first, at most {@code max} of them. Immutable.
 */
record RecentValues(List<Seen> values) {

    static final RecentValues EMPTY = new RecentValues(List.of());

    record Seen(String value, long atMillis) {
    }

    RecentValues {
        values = List.copyOf(values);
    }

    RecentValues plus(String value, long atMillis, int max) {
        long at = atMillis;
        List<Seen> next = new ArrayList<>(values.size() + 1);
        for (Seen seen : values) {
            if (seen.value().equals(value)) {
                at = Math.max(at, seen.atMillis());
            } else {
                next.add(seen);
            }
        }
        int insert = 0;
        while (insert < next.size() && next.get(insert).atMillis() >= at) {
            insert++;
        }
        next.add(insert, new Seen(value, at));
        return new RecentValues(next.size() > max ? next.subList(0, max) : next);
    }

    boolean contains(String value) {
        for (Seen seen : values) {
            if (seen.value().equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** How many values were last seen in the interval (fromMillis, toMillis]. */
    int countSeenBetween(long fromMillis, long toMillis) {
        int count = 0;
        for (Seen seen : values) {
            if (seen.atMillis() > fromMillis && seen.atMillis() <= toMillis) {
                count++;
            }
        }
        return count;
    }
}
