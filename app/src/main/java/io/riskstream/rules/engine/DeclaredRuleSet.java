package io.riskstream.rules.engine;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A ruleset the app evaluates. Each capability that evaluates one declares it as a bean; the rules lifecycle
 * loads exactly these.
 *
 * @param name      the ruleset's name, also its directory under the rules directory
 * @param kind      what its evaluation returns
 * @param caseFacts turns a test case's {@code given} into facts
 */
public record DeclaredRuleSet<R>(String name, RuleSetKind<R> kind, CaseFacts caseFacts) {

    /** @throws IllegalStateException when two declare the same name */
    public static Map<String, DeclaredRuleSet<?>> byName(Collection<DeclaredRuleSet<?>> declared) {
        return declared.stream().collect(Collectors.toUnmodifiableMap(DeclaredRuleSet::name, Function.identity()));
    }
}
