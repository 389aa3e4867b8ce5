package io.riskstream.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one table a run prints (markdown): the drains with their rates and their ratio to the raw transactional
 * copy of the same run, then the steady latency and the restart. Absent measurements are left out, not zeroed.
 */
final class ResultTable {

    /** What the steady phase measured, in milliseconds; {@code count} decisions after the warm-up. */
    record Latency(int rate, int seconds, int warmupSeconds, int count, long p50, long p99, long p999, long max,
                   long missing) {
    }

    private final List<String> header = new ArrayList<>();
    private final List<Drain> drains = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private Latency latency;
    private Long restartMillis;
    private String restartNote = "";

    void header(String line) {
        header.add(line);
    }

    void drain(Drain drain) {
        drains.add(drain);
    }

    void latency(Latency measured) {
        this.latency = measured;
    }

    /** Milliseconds from the new process's start to its first decision; null when none came (with why). */
    void restart(Long millis, String note) {
        this.restartMillis = millis;
        this.restartNote = note;
    }

    void note(String line) {
        notes.add(line);
    }

    String render() {
        StringBuilder out = new StringBuilder();
        header.forEach(line -> out.append(line).append('\n'));
        out.append('\n');
        Drain copy = drains.stream().filter(d -> d.what().equals(LoadHarness.RAW_COPY)).findFirst().orElse(null);
        out.append("| what | records | seconds | records/s | ratio to raw copy |\n");
        out.append("| --- | ---: | ---: | ---: | ---: |\n");
        for (Drain drain : drains) {
            String ratio = copy == null || copy.perSecond() == 0 ? "–"
                    : String.format(Locale.ROOT, "%.1f%%", 100 * drain.perSecond() / copy.perSecond());
            out.append(String.format(Locale.ROOT, "| %s%s | %,d | %.1f | %,.0f | %s |%n", drain.what(),
                    drain.complete() ? "" : " (INCOMPLETE: stalled)", drain.records(), drain.millis() / 1000.0,
                    drain.perSecond(), ratio));
        }
        if (latency != null) {
            out.append('\n');
            out.append(String.format(Locale.ROOT, "| latency at %,d tx/s (%d s, first %d s not counted) | ms |%n",
                    latency.rate(), latency.seconds(), latency.warmupSeconds()));
            out.append("| --- | ---: |\n");
            out.append(String.format(Locale.ROOT, "| p50 | %d |%n| p99 | %d |%n| p99.9 | %d |%n| max | %d |%n",
                    latency.p50(), latency.p99(), latency.p999(), latency.max()));
            out.append(String.format(Locale.ROOT, "| decisions measured | %,d |%n", latency.count()));
            if (latency.missing() > 0) {
                out.append(String.format(Locale.ROOT, "| NOT DECIDED within the wait | %,d |%n", latency.missing()));
            }
        }
        if (restartMillis != null || !restartNote.isEmpty()) {
            out.append('\n');
            out.append(String.format(Locale.ROOT, "restart (kill -9, start again on the same state): %s%s%n",
                    restartMillis == null ? "no decision" : String.format(Locale.ROOT, "%.1f s from process start to "
                            + "its first decision", restartMillis / 1000.0),
                    restartNote.isEmpty() ? "" : " (" + restartNote + ")"));
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(line -> out.append("- ").append(line).append('\n'));
        }
        return out.toString();
    }
}
