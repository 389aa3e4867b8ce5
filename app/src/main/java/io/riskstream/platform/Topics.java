package io.riskstream.platform;

import java.util.List;

import io.riskstream.events.FraudDecision;
import io.riskstream.events.LoginEvent;
import io.riskstream.events.MultiCountryAlert;
import io.riskstream.events.RuleSet;
import io.riskstream.events.SessionSummary;
import io.riskstream.events.SiteEvent;
import io.riskstream.events.TopPages;
import io.riskstream.events.Transaction;

/** Every topic of the contract, described once. */
public final class Topics {

    public static final Topic<Transaction> TRANSACTIONS = new Topic<>("transactions", Transaction.class);
    public static final Topic<FraudDecision> FRAUD_DECISIONS = new Topic<>("fraud-decisions", FraudDecision.class);
    public static final Topic<FraudDecision> FRAUD_ALERTS = new Topic<>("fraud-alerts", FraudDecision.class);
    /** What the shadow ruleset ({@code fraud.shadow}) would have decided, beside each live decision; never alerts. */
    public static final Topic<FraudDecision> FRAUD_DECISIONS_SHADOW =
            new Topic<>("fraud-decisions-shadow", FraudDecision.class);
    public static final Topic<LoginEvent> LOGINS = new Topic<>("logins", LoginEvent.class);
    public static final Topic<MultiCountryAlert> LOGIN_ALERTS = new Topic<>("login-alerts", MultiCountryAlert.class);
    public static final Topic<MultiCountryAlert> LOGIN_ALERTS_LATE =
            new Topic<>("login-alerts-late", MultiCountryAlert.class);
    public static final Topic<LoginEvent> LATE_LOGINS = new Topic<>("late-logins", LoginEvent.class);
    public static final Topic<SiteEvent> SITE_EVENTS = new Topic<>("site-events", SiteEvent.class);
    public static final Topic<SiteEvent> LATE_SITE_EVENTS = new Topic<>("late-site-events", SiteEvent.class);
    public static final Topic<TopPages> TOP_PAGES = new Topic<>("top-pages", TopPages.class);
    /** Page views that arrived after their first window closed (audit), written by {@code rankTopPages}. */
    public static final Topic<SiteEvent> LATE_PAGE_VIEWS = new Topic<>("late-page-views", SiteEvent.class);
    public static final Topic<SessionSummary> SESSION_SUMMARIES =
            new Topic<>("session-summaries", SessionSummary.class);
    /** Every published version of every ruleset, keyed by its name; formerly {@code fraud-rules} (operations.md). */
    public static final Topic<RuleSet> RULESETS = new Topic<>("rulesets", RuleSet.class);

    /** The topics other systems write, each of which has a dead-letter topic. */
    public static final List<Topic<?>> INPUTS = List.of(TRANSACTIONS, LOGINS, SITE_EVENTS);

    public static final List<Topic<?>> ALL = List.of(TRANSACTIONS, FRAUD_DECISIONS, FRAUD_ALERTS, LOGINS, LOGIN_ALERTS,
            LOGIN_ALERTS_LATE, LATE_LOGINS, SITE_EVENTS, TOP_PAGES, SESSION_SUMMARIES, RULESETS,
            LATE_SITE_EVENTS, LATE_PAGE_VIEWS, FRAUD_DECISIONS_SHADOW);

    private Topics() {
    }
}
