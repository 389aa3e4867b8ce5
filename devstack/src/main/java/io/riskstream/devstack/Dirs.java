package io.riskstream.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File-tree helpers of the launchers. */
public final class Dirs {

    private Dirs() {
    }

    public static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    /**
     * The log of a process's {@code start}-th start, so that a restart keeps the log of the run before it:
     * {@code kafka-a-101.log}, then {@code kafka-a-101-2.log}...
     */
    public static Path logOfStart(Path log, int start) {
        return start == 1 ? log : log.resolveSibling(log.getFileName().toString().replace(".log", "-" + start + ".log"));
    }

    /** Where the launchers write their logs unless told otherwise. */
    static Path defaultLogDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "riskstream-devstack");
    }
}
