package io.riskstream.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The benchmark thread's CPU time over one iteration: on a machine shared with other work the thread is often
 * off the CPU, and JMH's wall-clock figures then count the time it waited; this does not.
 */
final class CpuClock {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final double NANOS_PER_SECOND = 1e9;

    private long operationsAtStart;
    private long cpuNanosAtStart;

    void start(long operations) {
        operationsAtStart = operations;
        cpuNanosAtStart = THREADS.getCurrentThreadCpuTime();
    }

    void printOperationsPerCpuSecond(long operations) {
        double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuNanosAtStart) / NANOS_PER_SECOND;
        System.out.printf("[%.0f ops per CPU-second] ", (operations - operationsAtStart) / cpuSeconds);
    }
}
