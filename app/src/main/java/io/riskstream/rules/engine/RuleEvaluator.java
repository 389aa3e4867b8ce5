package io.riskstream.rules.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.AgendaGroup;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * Evaluates facts against a compiled ruleset in an empty session: the facts are inserted and the rules of the
 * main agenda group fire; then, if the ruleset's kind asks for one, a closing phase (more facts, the rules of one
 * {@code ruleflow-group}). The kind turns what happened into its outcome.
 *
 * <p>Whatever the rules do, evaluation returns: a rule that throws, or more than
 * {@link EvaluationLimits#maxFirings()} firings, end the evaluation and the kind is told why
 * ({@link RuleSetKind.Run#interrupted}). Thread-safe: sessions are never shared.
 */
public final class RuleEvaluator {

    /** Rule id of the reason for a failure that no rule can be blamed for. */
    public static final String ENGINE_ERROR = "engine-error";
    /** Rule id of the reason for an evaluation cut off by the fire limit. */
    public static final String FIRE_LIMIT = "fire-limit";

    private final EvaluationLimits limits;

    public RuleEvaluator(EvaluationLimits limits) {
        this.limits = limits;
    }

    public <R> Evaluation<R> evaluate(CompiledRuleSet ruleSet, RuleSetKind<R> kind, Collection<?> facts) {
        RuleSetKind.Run<R> run = kind.newRun(limits);
        FiringListener listener = new FiringListener(run);
        KieSession session = ruleSet.newSession();
        try {
            session.addEventListener(listener);
            run.globals().forEach((name, value) -> {
                if (ruleSet.declaresGlobal(name)) {
                    session.setGlobal(name, value);
                }
            });
            facts.forEach(session::insert);
            int fired = session.fireAllRules(limits.maxFirings() + 1);
            RuleSetKind.Phase closing = run.closingPhase();
            if (closing != null && fired <= limits.maxFirings()) {
                closing.facts().forEach(session::insert);
                AgendaGroup group = session.getAgenda().getAgendaGroup(closing.agendaGroup());
                if (group != null) {
                    group.setFocus();
                }
                fired += session.fireAllRules(limits.maxFirings() - fired + 1);
            }
            if (fired > limits.maxFirings()) {
                Interruption why = new Interruption(FIRE_LIMIT, "cut off after " + limits.maxFirings()
                        + " rule firings; last rule fired: " + listener.last());
                return result(ruleSet, run.interrupted(why, firedRules(listener)), listener);
            }
        } catch (RuntimeException e) {
            Interruption why = new Interruption(failingRule(e, listener), "rule failed: " + rootCause(e));
            return result(ruleSet, run.interrupted(why, firedRules(listener)), listener);
        } finally {
            // A pooled session keeps its listeners through the reset: this run's must not hear the next one.
            session.removeEventListener(listener);
            session.dispose();
        }
        return result(ruleSet, run.completed(firedRules(listener)), listener);
    }

    private static <R> Evaluation<R> result(CompiledRuleSet ruleSet, R outcome, FiringListener listener) {
        return new Evaluation<>(ruleSet.name(), ruleSet.version(), outcome, firedRules(listener));
    }

    private static List<String> firedRules(FiringListener listener) {
        return new ArrayList<>(listener.fired());
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
