package io.riskstream.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.riskstream.fraud.CardProfileConfig;
import io.riskstream.fraud.CardProfileUpdater;
import io.riskstream.fraud.FraudCaseFacts;

class RulesDryRunTest {

    static final String RISKY = """
            package rules.fraud;
            import io.riskstream.events.Transaction;
            import io.riskstream.rules.Scorecard;
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
                scorecard.decide("DECLINE");
            end
            rule "approve" ruleflow-group "thresholds"
            when
                Scorecard(total < 700)
            then
                scorecard.decide("APPROVE");
            end
            """;

    private final RulesDryRun dryRun = new RulesDryRun(new RuleSetCompiler(), new RuleEvaluator(EvaluationLimits.DEFAULTS),
            Map.of("fraud", new FraudCaseFacts(new CardProfileUpdater(new CardProfileConfig(8, 8, Duration.ofDays(1))))));

    @Test
    void evaluatesEachCaseAgainstTheCandidateFiles() {
        List<RulesDryRun.Result> results = dryRun.evaluate("fraud", Map.of("casino.drl", RISKY), List.of(
                Map.of("transaction", Map.of("merchantCategory", "7995")),
                Map.of("transaction", Map.of("merchantCategory", "5411"))));

        assertThat(results).extracting(RulesDryRun.Result::decision).containsExactly("DECLINE", "APPROVE");
        assertThat(results.get(0).firedRules()).contains("casino", "decline");
        assertThat(results.get(0).score()).isEqualTo(800);
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
