package io.riskstream.load;

import java.time.Duration;
import java.util.Locale;

/**
 * The CPU time the app and the broker used over a drain, per record: unlike a rate, it does not change when
 * something else on the machine takes the cores, so two runs on a noisy machine compare. On two cores, the
 * machine's ceiling for a step is about 2 s of CPU a second divided by the app's and the broker's CPU per record.
 */
final class CpuTime {

    private final ProcessHandle app;
    private final ProcessHandle broker;
    private long appAtStart = -1;
    private long brokerAtStart = -1;
    private long appAtEnd;
    private long brokerAtEnd;

    CpuTime(ProcessHandle app, ProcessHandle broker) {
        this.app = app;
        this.broker = broker;
    }

    /** Called while records flow: the first call starts the window, every call ends it. */
    void sample() {
        long appNow = nanos(app);
        long brokerNow = nanos(broker);
        if (appAtStart < 0) {
            appAtStart = appNow;
            brokerAtStart = brokerNow;
        }
        appAtEnd = appNow;
        brokerAtEnd = brokerNow;
    }

    /** E.g. "app 41 µs, broker 18 µs of CPU per record (...)". */
    String perRecord(long records, long wallMillis) {
        double appMicros = (appAtEnd - appAtStart) / 1000.0 / Math.max(records, 1);
        double brokerMicros = (brokerAtEnd - brokerAtStart) / 1000.0 / Math.max(records, 1);
        double cores = (appAtEnd - appAtStart + brokerAtEnd - brokerAtStart) / 1e6 / Math.max(wallMillis, 1);
        return String.format(Locale.ROOT, "CPU per record over the drain: app %.0f µs, broker %.0f µs (together %.2f "
                + "cores busy)", appMicros, brokerMicros, cores);
    }

    private static long nanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
