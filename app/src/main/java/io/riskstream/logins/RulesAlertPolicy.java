package io.riskstream.logins;

import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

import io.riskstream.rules.ActiveRuleSets;
import io.riskstream.rules.Evaluation;

/** The alert decision of the active {@code logins} ruleset: any rule that fires raises the alert. */
final class RulesAlertPolicy implements AlertPolicy {

    static final String RULESET = "logins";

    private final ActiveRuleSets rules;

    RulesAlertPolicy(ActiveRuleSets rules) {
        this.rules = rules;
    }

    @Override
    public Optional<Verdict> evaluate(String userId, SortedSet<String> countries) {
        Evaluation evaluation = rules.evaluate(RULESET, List.of(new LoginSessionFacts(userId, countries)));
        return evaluation.firedRules().stream().findFirst()
                .map(rule -> new Verdict(rule, evaluation.ruleSetVersion()));
    }
}
