package io.riskstream.load;

/**
 * One measured drain: {@code records} done between the first and the last of them, in {@code millis}.
 * {@code complete} is false when it stopped short (a stall, reported as such).
 */
record Drain(String what, long records, long millis, boolean complete) {

    double perSecond() {
        return millis <= 0 ? 0 : records * 1000.0 / millis;
    }
}
