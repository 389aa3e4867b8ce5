package io.riskstream.logins;

import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

import io.riskstream.rules.engine.DeclaredRuleSet;
import io.riskstream.rules.engine.Evaluation;
import io.riskstream.rules.engine.FiredRules;
import io.riskstream.rules.lifecycle.ActiveRuleSets;

/** The alert decision of the active {@code logins} ruleset: any rule that fires raises the alert. */
final class RulesAlertPolicy implements AlertPolicy {

    static final String RULESET = "logins";

    private final ActiveRuleSets rules;

    RulesAlertPolicy(ActiveRuleSets rules) {
        this.rules = rules;
    }

    /** The {@value #RULESET} ruleset: its rules alert by firing, its test cases give a session's countries. */
    static DeclaredRuleSet<FiredRules> ruleSet() {
        return new DeclaredRuleSet<>(RULESET, FiredRules.KIND, new LoginCaseFacts());
    }

    @Override
    public Optional<Verdict> evaluate(String userId, SortedSet<String> countries) {
        Evaluation<FiredRules> evaluation = rules.evaluate(RULESET, FiredRules.KIND,
                List.of(new LoginSessionFacts(userId, countries)));
        return evaluation.outcome().first().map(rule -> new Verdict(rule, evaluation.ruleSetVersion()));
    }
}
