package io.riskstream.devstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The last lines of a child's log, for failure messages. */
final class LogTail {

    private static final int TAIL_BYTES = 8192;

    private LogTail() {
    }

    /** The whole lines within the last 8 KiB of {@code log}. */
    static String of(Path log) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(0, file.length() - TAIL_BYTES);
            byte[] tail = new byte[(int) (file.length() - from)];
            file.seek(from);
            file.readFully(tail);
            String text = new String(tail, StandardCharsets.UTF_8);
            return from == 0 ? text : text.substring(text.indexOf('\n') + 1);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }
}
