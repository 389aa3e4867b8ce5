package io.riskstream.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Prints each iteration's operations per CPU-second of the benchmark thread: on a machine shared with other work
 * the thread is often off the CPU, and JMH's wall-clock figures then count the time it waited; this does not.
 * A benchmark extends it and calls {@link #counted()} once per operation.
 */
public abstract class CpuClock {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final double NANOS_PER_SECOND = 1e9;

    private long operations;
    private long operationsAtStart;
    private long cpuNanosAtStart;

    @Setup(Level.Iteration)
    public void startCpuClock() {
        operationsAtStart = operations;
        cpuNanosAtStart = THREADS.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void printCpuThroughput() {
        double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuNanosAtStart) / NANOS_PER_SECOND;
        System.out.printf("[%.0f ops per CPU-second] ", (operations - operationsAtStart) / cpuSeconds);
    }

    protected final void counted() {
        operations++;
    }
}
