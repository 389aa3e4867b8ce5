package io.riskstream.dashboard;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JSON the dashboard page ({@code static/index.html}, served at {@code /}) polls. Before the first window
 * is published, {@code /api/top-pages} answers 404 with a message saying so.
 */
@RestController
class DashboardController {

    static final String NO_TOP_PAGES = "no top pages yet: no window has closed since this instance started reading";

    private final LatestTopPages topPages;
    private final DecisionRates rates;
    private final RecentAlerts alerts;
    private final ShadowAgreement shadow;

    DashboardController(LatestTopPages topPages, DecisionRates rates, RecentAlerts alerts, ShadowAgreement shadow) {
        this.topPages = topPages;
        this.rates = rates;
        this.alerts = alerts;
        this.shadow = shadow;
    }

    @GetMapping("/api/top-pages")
    ResponseEntity<?> topPages() {
        return topPages.newest().<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(new Message(NO_TOP_PAGES)));
    }

    @GetMapping("/api/decisions/rates")
    DecisionRates.View decisionRates() {
        return rates.rates();
    }

    /** The shadow ruleset's decisions against the live ones over the rate window; {@code active} false without any. */
    @GetMapping("/api/decisions/shadow")
    ShadowAgreement.View shadowAgreement() {
        return shadow.view();
    }

    @GetMapping("/api/alerts/recent")
    List<RecentAlerts.Alert> recentAlerts() {
        return alerts.newestFirst();
    }

    record Message(String message) {
    }
}
