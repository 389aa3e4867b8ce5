package io.riskstream.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongUnaryOperator;

/**
 * The course of a drain: its rate over each quarter of the records. A drain that starts with a cold JVM ramps
 * up (JIT, Drools' compiled constraints); the last quarter is near the rate of a warm app, the whole drain's
 * rate is what a backlog of that size costs.
 */
final class DrainCourse {

    private static final int PARTS = 4;

    private DrainCourse() {
    }

    /**
     * @param records  the drain's records
     * @param step     the resolution of {@code seenAt}: it knows the time of every {@code step}-th record
     * @param first    when the first record was seen
     * @param seenAt   when the k-th record was seen, for k a multiple of {@code step}
     */
    static String byQuarter(long records, int step, long first, LongUnaryOperator seenAt) {
        if (records < (long) PARTS * step) {
            return "too few records for quarters";
        }
        List<String> rates = new ArrayList<>();
        long fromRecord = 0;
        long fromTime = first;
        for (int part = 1; part <= PARTS; part++) {
            long toRecord = records * part / PARTS / step * step;
            long toTime = seenAt.applyAsLong(toRecord);
            long millis = toTime - fromTime;
            rates.add(millis <= 0 ? "–" : String.format(Locale.ROOT, "%,.0f/s",
                    (toRecord - fromRecord) * 1000.0 / millis));
            fromRecord = toRecord;
            fromTime = toTime;
        }
        return String.join(", ", rates);
    }
}
