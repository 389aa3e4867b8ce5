package io.riskstream.load;

/**
 * The app's streams of {@code site-events} whose drains {@code --streams} measures: each function's name and its
 * application id, which is its consumer group (docs/operations.md; io.riskstream.platform.Streams in the app).
 */
enum SiteEventStream {

    TOP_PAGES("top pages drain", "rankTopPages", "riskstream-top-pages"),
    SESSIONS("sessions drain", "summarizeSessions", "riskstream-sessions");

    static final String TOPIC = "site-events";
    /** Event time advances this fast through the pre-loaded events: the open sessions get an event every 2 s. */
    static final int PRELOAD_PER_SECOND = 100;

    final String row;
    final String function;
    final String group;

    SiteEventStream(String row, String function, String group) {
        this.row = row;
        this.function = function;
        this.group = group;
    }
}
