package io.riskstream.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the figures depend on besides the code: the cores, the memory, and how busy the machine was. */
final class Machine {

    private static final Path LOADAVG = Path.of("/proc/loadavg");
    private static final Path MEMINFO = Path.of("/proc/meminfo");

    private Machine() {
    }

    static String describe() {
        return String.format(Locale.ROOT, "%d cores, %s memory, Java %s", Runtime.getRuntime().availableProcessors(),
                memory(), System.getProperty("java.version"));
    }

    /** The 1-, 5- and 15-minute load averages, as /proc/loadavg gives them. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(LOADAVG).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(MEMINFO)) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format(Locale.ROOT, "%.0f GiB", kib / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // below
        }
        return "unknown";
    }
}
