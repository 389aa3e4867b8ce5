package io.riskstream.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one harness run does, from {@code bench/run-load}'s arguments (see bench/README.md, Load harness).
 *
 * @param transactions  transactions pre-loaded before the app starts, and so decisions the drain waits for
 * @param cards         distinct cards (record keys) they are spread over: the size of the card state
 * @param partitions    partitions of {@code transactions} and of every topic the app creates
 * @param steadyRate    transactions a second of the steady phase
 * @param steadySeconds how long the steady phase sends
 * @param siteEvents    site events pre-loaded for the top pages and sessions drains ({@code --streams})
 * @param appArgs       extra arguments of the app, after the harness's own (so they win)
 * @param appJvmArgs    extra arguments of the app's JVM, e.g. {@code -XX:StartFlightRecording=...}
 * @param appJar        the runnable app jar
 * @param copy          whether to measure the raw transactional copy
 * @param steady        whether to measure the steady latency and the restart
 * @param streams       whether to measure the top pages and sessions drains
 * @param backtestBurst transactions of each of the three bursts that measure what a backtest costs live scoring
 *                      (the second drained while one runs); 0 to skip that phase
 */
record LoadOptions(int transactions, int cards, int partitions, int steadyRate, int steadySeconds, int siteEvents,
                   List<String> appArgs, List<String> appJvmArgs, Path appJar, boolean copy, boolean steady,
                   boolean streams, int backtestBurst) {

    /** The app's shipped default, riskstream.topics.partitions in application.yml. */
    static final int DEFAULT_PARTITIONS = 6;
    static final String USAGE = """
            usage: bench/run-load [--transactions N] [--cards C] [--partitions P] [--steady-rate R]
                                  [--steady-seconds S] [--streams] [--site-events M] [--skip-copy] [--skip-steady]
                                  [--backtest-burst B] [--app-arg X]... [--app-jvm-arg X]... [--app-jar PATH]""";

    LoadOptions {
        positive("--transactions", transactions);
        positive("--cards", cards);
        positive("--partitions", partitions);
        positive("--steady-rate", steadyRate);
        positive("--steady-seconds", steadySeconds);
        positive("--site-events", siteEvents);
        if (backtestBurst < 0) {
            throw new IllegalArgumentException("--backtest-burst must not be negative: " + backtestBurst);
        }
        appArgs = List.copyOf(appArgs);
        appJvmArgs = List.copyOf(appJvmArgs);
    }

    static LoadOptions parse(String... args) {
        int transactions = 200_000;
        int cards = 50_000;
        int partitions = DEFAULT_PARTITIONS;
        int steadyRate = 2_000;
        int steadySeconds = 60;
        int siteEvents = 200_000;
        List<String> appArgs = new ArrayList<>();
        List<String> appJvmArgs = new ArrayList<>();
        Path appJar = Path.of("app", "target", "riskstream.jar");
        boolean copy = true;
        boolean steady = true;
        boolean streams = false;
        int backtestBurst = 0;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            // --name=value and --name value alike.
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            boolean flag = switch (name) {
                case "--skip-copy", "--skip-steady", "--streams" -> true;
                default -> false;
            };
            String value = null;
            if (!flag) {
                if (arg.contains("=")) {
                    value = arg.substring(arg.indexOf('=') + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException(arg + " needs a value\n" + USAGE);
                }
            }
            switch (name) {
                case "--transactions" -> transactions = number(name, value);
                case "--cards" -> cards = number(name, value);
                case "--partitions" -> partitions = number(name, value);
                case "--steady-rate" -> steadyRate = number(name, value);
                case "--steady-seconds" -> steadySeconds = number(name, value);
                case "--site-events" -> siteEvents = number(name, value);
                case "--app-arg" -> appArgs.add(value);
                case "--app-jvm-arg" -> appJvmArgs.add(value);
                case "--app-jar" -> appJar = Path.of(value);
                case "--skip-copy" -> copy = false;
                case "--skip-steady" -> steady = false;
                case "--streams" -> streams = true;
                case "--backtest-burst" -> backtestBurst = Integer.parseInt(value.replace("_", "").replace(",", ""));
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'\n" + USAGE);
            }
        }
        return new LoadOptions(transactions, cards, partitions, steadyRate, steadySeconds, siteEvents, appArgs,
                appJvmArgs, appJar, copy, steady, streams, backtestBurst);
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, not '" + value + "'");
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
