package io.riskstream.platform;

import java.util.List;

/** Every stream of the app, with the topics it reads and writes: the one place that binds a function to topics. */
public final class Streams {

    public static final Stream SCORE_TRANSACTIONS = new Stream("scoreTransactions", "riskstream-fraud",
            Topics.TRANSACTIONS, Topics.FRAUD_DECISIONS, List.of(Topics.FRAUD_ALERTS, Topics.FRAUD_DECISIONS_SHADOW));
    public static final Stream DETECT_MULTI_COUNTRY_LOGINS = new Stream("detectMultiCountryLogins", "riskstream-logins",
            Topics.LOGINS, Topics.LOGIN_ALERTS, List.of(Topics.LOGIN_ALERTS_LATE, Topics.LATE_LOGINS));
    // rankTopPages and summarizeSessions both read site-events: each is its own Kafka Streams app with its own
    // application id, so each reads every site event.
    public static final Stream RANK_TOP_PAGES = new Stream("rankTopPages", "riskstream-top-pages",
            Topics.SITE_EVENTS, Topics.TOP_PAGES, List.of(Topics.LATE_PAGE_VIEWS));
    public static final Stream SUMMARIZE_SESSIONS = new Stream("summarizeSessions", "riskstream-sessions",
            Topics.SITE_EVENTS, Topics.SESSION_SUMMARIES, List.of(Topics.LATE_SITE_EVENTS));

    public static final List<Stream> ALL =
            List.of(SCORE_TRANSACTIONS, DETECT_MULTI_COUNTRY_LOGINS, RANK_TOP_PAGES, SUMMARIZE_SESSIONS);

    private Streams() {
    }
}
