package io.riskstream.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import io.riskstream.events.FraudDecision;
import io.riskstream.events.MultiCountryAlert;

/** The newest fraud and login alerts, at most a fixed number, newest first by when they were raised. */
final class RecentAlerts {

    static final String FRAUD = "fraud";
    static final String LOGIN = "login";
    private static final Comparator<Alert> NEWEST_FIRST = Comparator.comparing(Alert::at).reversed()
            .thenComparing(Alert::id);

    private final int limit;
    private final List<Alert> alerts = new ArrayList<>();

    RecentAlerts(int limit) {
        this.limit = limit;
    }

    void offer(FraudDecision decision) {
        String reasons = decision.getReasons().stream().map(reason -> reason.getRuleId())
                .collect(Collectors.joining(", "));
        add(new Alert(FRAUD, decision.getTransactionId(), decision.getCardId(),
                decision.getDecision() + " score " + decision.getScore() + (reasons.isEmpty() ? "" : ": " + reasons),
                decision.getDecidedAt()));
    }

    void offer(MultiCountryAlert alert) {
        add(new Alert(LOGIN, alert.getUserId() + "@" + alert.getWindowStart() + "/" + alert.getCountries(),
                alert.getUserId(), (alert.getLate() ? "late: " : "") + String.join(", ", alert.getCountries())
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
     * @param id what makes it unique: a record read twice (at start) is listed once
     * @param subject the card or the user
     * @param detail the decision and its rules, or the countries
     * @param at when it was raised
     */
    record Alert(String kind, String id, String subject, String detail, Instant at) {
    }
}
