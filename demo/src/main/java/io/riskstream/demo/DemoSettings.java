package io.riskstream.demo;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * How much demo traffic to send: records a second of each kind, sent in a batch every {@code tick}. Parsed
 * from {@code <prefix><name>=<value>} arguments, each optional; with the prefix {@code --demo-} of the local run:
 * {@code --demo-transactions-per-second=20 --demo-logins-per-second=5 --demo-site-events-per-second=40
 * --demo-tick=200ms}.
 *
 * @param transactionsPerSecond card transactions per second
 * @param loginsPerSecond logins per second
 * @param siteEventsPerSecond web shop events per second
 * @param tick how often a batch is sent: {@code 200ms}, {@code 1s} or ISO-8601 ({@code PT0.5S})
 */
public record DemoSettings(int transactionsPerSecond, int loginsPerSecond, int siteEventsPerSecond, Duration tick) {

    /** The rates of the local run: a dashboard with several incidents a minute, on a laptop's broker. */
    public static final DemoSettings DEFAULTS = new DemoSettings(20, 5, 40, Duration.ofMillis(200));

    static final String TRANSACTIONS_PER_SECOND = "transactions-per-second";
    static final String LOGINS_PER_SECOND = "logins-per-second";
    static final String SITE_EVENTS_PER_SECOND = "site-events-per-second";
    static final String TICK = "tick";
    private static final List<String> NAMES = List.of(TRANSACTIONS_PER_SECOND, LOGINS_PER_SECOND,
            SITE_EVENTS_PER_SECOND, TICK);

    public DemoSettings {
        if (transactionsPerSecond < 0 || loginsPerSecond < 0 || siteEventsPerSecond < 0) {
            throw new IllegalArgumentException("demo rates must be 0 or more");
        }
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("the demo tick must be positive: " + tick);
        }
    }

    /**
     * The defaults, changed by each {@code <prefix><name>=<value>} of {@code args}, all of which must start
     * with {@code prefix}; an unknown name is refused.
     */
    public static DemoSettings parse(String prefix, List<String> args) {
        int transactions = DEFAULTS.transactionsPerSecond;
        int logins = DEFAULTS.loginsPerSecond;
        int siteEvents = DEFAULTS.siteEventsPerSecond;
        Duration tick = DEFAULTS.tick;
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("demo setting '" + arg + "' needs a value: " + arg + "=...");
            }
            String name = arg.startsWith(prefix) ? arg.substring(prefix.length(), equals) : arg;
            String value = arg.substring(equals + 1);
            switch (name) {
                case TRANSACTIONS_PER_SECOND -> transactions = rate(arg, value);
                case LOGINS_PER_SECOND -> logins = rate(arg, value);
                case SITE_EVENTS_PER_SECOND -> siteEvents = rate(arg, value);
                case TICK -> tick = duration(arg, value);
                default -> throw new IllegalArgumentException("unknown demo setting '" + arg + "'; known: "
                        + String.join(", ", NAMES.stream().map(known -> prefix + known).toList()));
            }
        }
        return new DemoSettings(transactions, logins, siteEvents, tick);
    }

    private static int rate(String arg, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(arg + ": not a whole number");
        }
    }

    /** The units people type ({@code 200ms}, {@code 2s}), as in the app's settings, or ISO-8601. */
    private static Duration duration(String arg, String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("s") && !text.startsWith("p")) {
                return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            return Duration.parse(value.trim());
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(arg + ": not a duration such as 200ms, 1s or PT0.5S");
        }
    }
}
