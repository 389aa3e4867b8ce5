package io.riskstream.logins;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.riskstream.rules.engine.DeclaredRuleSet;
import io.riskstream.rules.engine.Evaluation;
import io.riskstream.rules.engine.FiredRules;
import io.riskstream.rules.engine.Interruption;
import io.riskstream.rules.lifecycle.ActiveRuleSets;

/**
 * The alert decision of the active {@code logins} ruleset: any rule that fires raises the alert. An evaluation the
 * engine cut short (a rule threw, or the fire limit) raises none, whatever fired before: an alert must mean a rule
 * judged the session, and a broken rule judged nothing. It is counted in {@value #RULE_ERRORS_METRIC} and logged.
 */
final class RulesAlertPolicy implements AlertPolicy {

    static final String RULESET = "logins";
    static final String RULE_ERRORS_METRIC = "riskstream.logins.rule-errors";

    private static final Logger LOG = LoggerFactory.getLogger(RulesAlertPolicy.class);

    private final ActiveRuleSets rules;
    private final MeterRegistry meters;

    RulesAlertPolicy(ActiveRuleSets rules, MeterRegistry meters) {
        this.rules = rules;
        this.meters = meters;
    }

    /** The {@value #RULESET} ruleset: its rules alert by firing, its test cases give a session's countries. */
    static DeclaredRuleSet<FiredRules> ruleSet() {
        return new DeclaredRuleSet<>(RULESET, FiredRules.KIND, new LoginCaseFacts());
    }

    @Override
    public Optional<Verdict> evaluate(LoginSessionFacts session) {
        Evaluation<FiredRules> evaluation = rules.evaluate(RULESET, FiredRules.KIND, List.of(session));
        FiredRules outcome = evaluation.outcome();
        if (outcome.interrupted()) {
            Interruption why = outcome.interruption();
            meters.counter(RULE_ERRORS_METRIC, "rule", why.ruleId()).increment();
            LOG.warn("logins ruleset v{} rule '{}' failed on the session of user '{}', no alert raised: {}",
                    evaluation.ruleSetVersion(), why.ruleId(), session.getUserId(), why.detail());
            return Optional.empty();
        }
        return outcome.decidingRule().map(rule -> new Verdict(rule, evaluation.ruleSetVersion()));
    }
}
