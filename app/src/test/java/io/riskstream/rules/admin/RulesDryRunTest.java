package io.riskstream.rules.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.riskstream.fraud.CardProfileConfig;
import io.riskstream.fraud.CardProfileUpdater;
import io.riskstream.fraud.Decision;
import io.riskstream.fraud.FraudScorer;
import io.riskstream.logins.LoginCaseFacts;
import io.riskstream.rules.engine.DeclaredRuleSet;
import io.riskstream.rules.engine.EvaluationLimits;
import io.riskstream.rules.engine.FiredRules;
import io.riskstream.rules.engine.RuleEvaluator;
import io.riskstream.rules.engine.RuleSetCompiler;
import io.riskstream.rules.engine.RuleSetRejectedException;

class RulesDryRunTest {

    static final String RISKY = """
            package rules.fraud;
            import io.riskstream.events.Transaction;
            import io.riskstream.fraud.Decision;
            import io.riskstream.fraud.Scorecard;
            global Scorecard scorecard;
            rule "casino"
            when
                Transaction(merchantCategory == "7995")
            then
                scorecard.add(800, "casino");
            end
            rule "decline" ruleflow-group "thresholds"
            when
                Scorecard(total >= 700)
            then
                scorecard.decide(Decision.DECLINE);
            end
            rule "approve" ruleflow-group "thresholds"
            when
                Scorecard(total < 700)
            then
                scorecard.decide(Decision.APPROVE);
            end
            """;

    static final String MANY_COUNTRIES = """
            package rules.logins;
            import io.riskstream.logins.LoginSessionFacts;
            rule "two-countries" when LoginSessionFacts(distinctCountries > 1) then end
            """;

    private final RulesDryRun dryRun = new RulesDryRun(new RuleSetCompiler(),
            new RuleEvaluator(EvaluationLimits.DEFAULTS),
            List.of(FraudScorer.ruleSet(new CardProfileUpdater(new CardProfileConfig(8, 8, Duration.ofDays(1)))),
                    new DeclaredRuleSet<>("logins", FiredRules.KIND, new LoginCaseFacts())));

    @Test
    void fraudCaseShowsScoreDecisionReasonsAndFiredRules() {
        List<Map<String, Object>> results = dryRun.evaluate("fraud", Map.of("casino.drl", RISKY), List.of(
                Map.of("transaction", Map.of("merchantCategory", "7995")),
                Map.of("transaction", Map.of("merchantCategory", "5411"))));

        assertThat(results).extracting(result -> result.get("decision")).containsExactly(Decision.DECLINE,
                Decision.APPROVE);
        assertThat(results.get(0)).containsOnlyKeys("score", "decision", "reasons", "firedRules")
                .containsEntry("score", 800);
        assertThat(results.get(0).get("firedRules")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .contains("casino", "decline");
    }

    @Test
    void loginsCaseShowsTheRulesThatFiredAndNoDecision() {
        List<Map<String, Object>> results = dryRun.evaluate("logins", Map.of("many.drl", MANY_COUNTRIES), List.of(
                Map.of("countries", List.of("DE", "FR")), Map.of("countries", List.of("DE"))));

        assertThat(results).containsExactly(Map.of("firedRules", List.of("two-countries")),
                Map.of("firedRules", List.of()));
    }

    @Test
    void candidateThatDoesNotCompileIsRejectedWithFileAndLine() {
        assertThatThrownBy(() -> dryRun.evaluate("fraud", Map.of("broken.drl", "package rules.fraud;\nrule \"x\" when\nthen"),
                List.of(Map.of())))
                .isInstanceOf(RuleSetRejectedException.class)
                .satisfies(e -> assertThat(((RuleSetRejectedException) e).problems())
                        .anySatisfy(problem -> assertThat(problem).contains("broken.drl:3")));
    }

    @Test
    void unknownRulesetIsRefused() {
        assertThatThrownBy(() -> dryRun.evaluate("payments", Map.of("a.drl", RISKY), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown ruleset 'payments'");
    }
}
