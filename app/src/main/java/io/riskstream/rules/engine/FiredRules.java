package io.riskstream.rules.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of a ruleset whose rules say something by firing at all (a logins rule raises an alert): the
 * rules that fired, in firing order, and why the engine cut the evaluation short if it did. An evaluation cut
 * short says nothing: a rule that threw (or ran away) still counts as fired in {@link #rules()} and in the hit
 * counts (it matched), but there is no {@link #decidingRule()}, so it never raises an alert.
 *
 * @param interruption null when the rules ran to the end
 */
public record FiredRules(List<String> rules, Interruption interruption) {

    /** The kind of such a ruleset. Its test cases may expect {@code anyFires: true|false}. */
    public static final RuleSetKind<FiredRules> KIND = new Kind();

    static final String ANY_FIRES = "anyFires";

    public FiredRules {
        rules = List.copyOf(rules);
    }

    /** The first rule that fired, the one an alert names; none when the evaluation was interrupted. */
    public Optional<String> decidingRule() {
        return interrupted() ? Optional.empty() : rules.stream().findFirst();
    }

    public boolean interrupted() {
        return interruption != null;
    }

    private static final class Kind implements RuleSetKind<FiredRules> {

        @Override
        public Run<FiredRules> newRun(EvaluationLimits limits) {
            return new Run<>() {
                @Override
                public FiredRules completed(List<String> firedRules) {
                    return new FiredRules(firedRules, null);
                }

                @Override
                public FiredRules interrupted(Interruption why, List<String> firedRules) {
                    return new FiredRules(firedRules, why);
                }
            };
        }

        @Override
        public Set<String> expectations() {
            return Set.of(ANY_FIRES);
        }

        @Override
        public List<String> check(Map<String, Object> expected, FiredRules outcome) {
            if (!expected.containsKey(ANY_FIRES)) {
                return List.of();
            }
            if (!(expected.get(ANY_FIRES) instanceof Boolean any)) {
                throw new IllegalArgumentException(ANY_FIRES + " must be true or false");
            }
            return any == outcome.decidingRule().isPresent() ? List.of()
                    : List.of("expected " + (any ? "a rule" : "no rule") + " to fire; fired: " + outcome.rules()
                            + (outcome.interrupted() ? ", interrupted: " + outcome.interruption() : ""));
        }

        @Override
        public Map<String, Object> describe(FiredRules outcome) {
            return outcome.interruption() == null ? Map.of() : Map.of("interruption", outcome.interruption());
        }
    }
}
