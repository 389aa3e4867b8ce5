package io.riskstream.devstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stopping a process together with every process it started. */
final class ProcessTree {

    private ProcessTree() {
    }

    /** Asks the whole tree to stop, kills what is still alive after {@code grace}, and waits for the end. */
    static void stop(ProcessHandle root, Duration grace) {
        // Descendants are collected before the root dies, while they can still be found through it.
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(0, root);
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            if (!exitsWithin(handle, grace)) {
                handle.destroyForcibly();
                exitsWithin(handle, grace);
            }
        }
    }

    private static boolean exitsWithin(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }
}
