package io.riskstream.rules;

import java.util.ArrayList;
import java.util.Collection;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.AgendaGroup;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * Evaluates facts against a compiled ruleset in a fresh session, in two phases:
 * <ol>
 *   <li>scoring: the facts are inserted and the rules of no group (the main agenda group) fire, adding points
 *       to the global {@code scorecard};</li>
 *   <li>thresholds: the {@link Scorecard} itself is inserted as a fact and the rules of {@code ruleflow-group}
 *       {@value #THRESHOLDS_GROUP} fire, matching its {@code total} and deciding.</li>
 * </ol>
 * Whatever the rules do, evaluation returns: no threshold decision, a rule that throws, or more than
 * {@link EvaluationLimits#maxFirings()} firings all end in {@link Decision#REVIEW} with a reason saying
 * why. Thread-safe: sessions are never shared.
 */
public final class RuleEvaluator {

    public static final String THRESHOLDS_GROUP = "thresholds";
    public static final String SCORECARD_GLOBAL = "scorecard";
    /** Rule id of the reason for a failure that no rule can be blamed for. */
    public static final String ENGINE_ERROR = "engine-error";
    /** Rule id of the reason for an evaluation cut off by the fire limit. */
    public static final String FIRE_LIMIT = "fire-limit";
    /** Rule id of the reason for a score no threshold rule decided on. */
    public static final String NO_THRESHOLD = "no-threshold";

    private final EvaluationLimits limits;

    public RuleEvaluator(EvaluationLimits limits) {
        this.limits = limits;
    }

    public Evaluation evaluate(CompiledRuleSet ruleSet, Collection<?> facts) {
        Scorecard scorecard = new Scorecard(limits.maxReasons());
        FiringListener listener = new FiringListener(scorecard);
        KieSession session = ruleSet.kieBase().newKieSession();
        try {
            session.addEventListener(listener);
            if (ruleSet.declaresScorecard()) {
                session.setGlobal(SCORECARD_GLOBAL, scorecard);
            }
            facts.forEach(session::insert);
            int fired = session.fireAllRules(limits.maxFirings() + 1);
            if (fired <= limits.maxFirings()) {
                session.insert(scorecard);
                AgendaGroup thresholds = session.getAgenda().getAgendaGroup(THRESHOLDS_GROUP);
                if (thresholds != null) {
                    thresholds.setFocus();
                }
                fired += session.fireAllRules(limits.maxFirings() - fired + 1);
            }
            if (fired > limits.maxFirings()) {
                scorecard.recordEngineReason(FIRE_LIMIT, "cut off after " + limits.maxFirings()
                        + " rule firings; last rule fired: " + listener.last());
                return result(ruleSet, scorecard, Decision.REVIEW, listener);
            }
        } catch (RuntimeException e) {
            String ruleId = failingRule(e, listener);
            scorecard.recordEngineReason(ruleId, "rule failed, decision forced to REVIEW: "
                    + rootCause(e));
            return result(ruleSet, scorecard, Decision.REVIEW, listener);
        } finally {
            session.dispose();
        }
        if (scorecard.decided() == null) {
            scorecard.recordEngineReason(NO_THRESHOLD, "no threshold rule decided on score "
                    + scorecard.getTotal() + "; REVIEW by default");
            return result(ruleSet, scorecard, Decision.REVIEW, listener);
        }
        return result(ruleSet, scorecard, scorecard.decided(), listener);
    }

    private static Evaluation result(CompiledRuleSet ruleSet, Scorecard scorecard, Decision decision,
                                     FiringListener listener) {
        return new Evaluation(ruleSet.name(), ruleSet.version(), scorecard.getTotal(), decision,
                scorecard.reasons(), new ArrayList<>(listener.fired()));
    }

    private static String failingRule(RuntimeException e, FiringListener listener) {
        String rule = e instanceof ConsequenceException consequence && consequence.getRule() != null
                ? consequence.getRule().getName() : listener.current();
        if (rule == null) {
            return ENGINE_ERROR;
        }
        listener.fired().add(rule);
        return rule;
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
