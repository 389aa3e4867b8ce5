package io.riskstream.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.riskstream.events.FraudDecision;
import io.riskstream.events.MultiCountryAlert;

/**
 * The newest fraud and login alerts, at most a fixed number, newest first by when they were raised. Card and user
 * ids are shown by their last four characters only, unless told otherwise: the dashboard is for watching, and is
 * open to anyone who reaches it.
 */
final class RecentAlerts {

    static final String FRAUD = "fraud";
    static final String LOGIN = "login";
    private static final Comparator<Alert> NEWEST_FIRST = Comparator.comparing(Alert::at).reversed()
            .thenComparing(Alert::id);

    private final int limit;
    private final boolean fullIds;
    private final List<Alert> alerts = new ArrayList<>();

    RecentAlerts(int limit) {
        this(limit, false);
    }

    /** @param fullIds whether card and user ids are shown in full */
    RecentAlerts(int limit, boolean fullIds) {
        this.limit = limit;
        this.fullIds = fullIds;
    }

    /** {@code …1234}: the last four characters of an id, none of a shorter one. */
    static String masked(String id) {
        if (id == null) {
            return null;
        }
        return "…" + (id.length() > 4 ? id.substring(id.length() - 4) : "");
    }

    private String shown(String id) {
        return fullIds ? id : masked(id);
    }

    void offer(FraudDecision decision) {
        String reasons = decision.getReasons().stream().map(reason -> reason.getRuleId())
                .collect(Collectors.joining(", "));
        add(new Alert(FRAUD, decision.getTransactionId(), shown(decision.getCardId()),
                decision.getDecision() + " score " + decision.getScore() + (reasons.isEmpty() ? "" : ": " + reasons),
                decision.getDecidedAt()));
    }

    void offer(MultiCountryAlert alert) {
        add(new Alert(LOGIN, alert.getUserId() + "@" + alert.getWindowStart() + "/" + alert.getCountries(),
                shown(alert.getUserId()), (alert.getLate() ? "late: " : "") + String.join(", ", alert.getCountries())
                        + " (" + alert.getRuleId() + ")", alert.getDetectedAt()));
    }

    synchronized List<Alert> newestFirst() {
        return List.copyOf(alerts);
    }

    private synchronized void add(Alert alert) {
        if (alerts.stream().anyMatch(known -> known.id().equals(alert.id()))) {
            return;
        }
        alerts.add(alert);
        alerts.sort(NEWEST_FIRST);
        while (alerts.size() > limit) {
            alerts.remove(alerts.size() - 1);
        }
    }

    /**
     * One alert as the dashboard lists it.
     *
     * @param kind {@value #FRAUD} or {@value #LOGIN}
     * @param id what makes it unique: a record read twice (at start) is listed once; not served, as it may hold
     *           the user id
     * @param subject the card or the user, masked unless configured otherwise
     * @param detail the decision and its rules, or the countries
     * @param at when it was raised
     */
    record Alert(String kind, @JsonIgnore String id, String subject, String detail, Instant at) {
    }
}
