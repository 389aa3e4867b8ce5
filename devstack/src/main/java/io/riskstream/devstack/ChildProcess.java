package io.riskstream.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * A child process whose output goes to a log file, with a readiness wait against a deadline and a
 * stop that takes its descendants with it. One JVM shutdown hook stops every child still running,
 * newest first, so a stack started broker, registry, app stops app, registry, broker.
 */
public final class ChildProcess implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Deque<ChildProcess> RUNNING = new ConcurrentLinkedDeque<>();
    private static final Deque<AutoCloseable> FEEDERS = new ConcurrentLinkedDeque<>();
    private static volatile boolean stopping;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcess::stopAll, "riskstream-devstack-stop"));
    }

    private final String name;
    private final Process process;
    private final Path log;
    private volatile Runnable afterStop = () -> { };

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} in {@code workDir}, stdout and stderr written to {@code log} (truncated first). */
    public static ChildProcess start(String name, List<String> command, Path workDir, Path log) throws IOException {
        return start(name, command, Map.of(), workDir, log);
    }

    /** The same, with {@code environment} added to this process's: secrets go there, never on the command line. */
    public static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path workDir,
                                     Path log) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(ownSession(command));
        builder.environment().putAll(environment);
        Process process = builder
                .directory(workDir.toAbsolutePath().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        process.getOutputStream().close();
        ChildProcess child = new ChildProcess(name, process, log);
        RUNNING.push(child);
        return child;
    }

    /**
     * Where setsid(1) exists, the child gets a session of its own: a Ctrl-C in the terminal then reaches
     * only this JVM, whose shutdown hook stops the children in order, instead of all of them at once.
     * setsid execs the command in the same process, so the pid stays the child's.
     */
    private static List<String> ownSession(List<String> command) {
        if (!Files.isExecutable(SETSID)) {
            return command;
        }
        List<String> inSession = new ArrayList<>(command);
        inSession.add(0, SETSID.toString());
        return inSession;
    }

    /** The java launcher of the JVM running this code, so children run on the same Java. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Work of this JVM that writes to the children, such as demo traffic: the shutdown hook closes it before
     * it stops any child. Closing it must be safe to repeat.
     */
    static void stopBeforeChildren(AutoCloseable feeder) {
        FEEDERS.push(feeder);
    }

    /** True once the JVM has begun to stop the children: their exit is then expected. */
    static boolean stopping() {
        return stopping;
    }

    /**
     * Polls {@code ready} until it answers true. Stops the child and fails with the tail of its log if it
     * exits first or the timeout passes; a probe that throws counts as not ready yet.
     */
    public void awaitReady(Duration timeout, Callable<Boolean> ready) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (!process.isAlive()) {
                close();
                throw failure(name + " exited with code " + process.exitValue() + " before it was ready");
            }
            if (answersTrue(ready)) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                close();
                throw failure(name + " was not ready within " + timeout.toSeconds() + " s");
            }
            waitForExit(POLL);
        }
    }

    /** Waits for the child to finish on its own, e.g. a command-line tool; its exit code. */
    int awaitExit(Duration timeout) {
        if (!waitForExit(timeout)) {
            close();
            throw failure(name + " did not finish within " + timeout.toSeconds() + " s");
        }
        RUNNING.remove(this);
        return process.exitValue();
    }

    /** Blocks until the child exits; its exit code. */
    int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    IllegalStateException failure(String what) {
        return new IllegalStateException(what + "; last lines of " + log + ":\n" + logTail());
    }

    String logTail() {
        return LogTail.of(log);
    }

    /** Runs {@code cleanup} once the child is stopped, also when the JVM's shutdown hook stops it. */
    ChildProcess afterStop(Runnable cleanup) {
        this.afterStop = cleanup;
        return this;
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /**
     * Kills the child at once (SIGKILL), as a crash would: it gets no chance to close anything. Its descendants
     * are left alone; {@link #afterStop} cleanup does not run.
     */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RUNNING.remove(this);
    }

    /** Stops the child and every process it started, gracefully first, and waits until they are gone. */
    @Override
    public synchronized void close() {
        ProcessTree.stop(process.toHandle(), GRACEFUL_STOP);
        RUNNING.remove(this);
        afterStop.run();
    }

    /** Closes what {@link #stopBeforeChildren} was given, newest first; for a stack that stops on its own. */
    static void stopFeeders() {
        for (AutoCloseable feeder = FEEDERS.pollFirst(); feeder != null; feeder = FEEDERS.pollFirst()) {
            try {
                feeder.close();
            } catch (Exception e) {
                System.err.println("could not stop " + feeder + " cleanly: " + e);
            }
        }
    }

    private static void stopAll() {
        stopping = true;
        stopFeeders();
        for (ChildProcess child = RUNNING.peekFirst(); child != null; child = RUNNING.peekFirst()) {
            try {
                child.close();
            } catch (RuntimeException e) {
                RUNNING.remove(child);
                System.err.println("could not stop " + child.name + " cleanly: " + e);
            }
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    private static boolean answersTrue(Callable<Boolean> probe) {
        try {
            return Boolean.TRUE.equals(probe.call());
        } catch (Exception notYet) {
            return false;
        }
    }
}
