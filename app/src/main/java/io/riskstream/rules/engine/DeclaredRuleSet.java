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
 * @param shadowOf  for a shadow ruleset, the ruleset it runs beside (on the same facts, deciding nothing); null for
 *                  a ruleset that decides. A shadow need not be published or active, and is turned off by
 *                  publishing it without files.
 */
public record DeclaredRuleSet<R>(String name, RuleSetKind<R> kind, CaseFacts caseFacts, String shadowOf) {

    /** The suffix of a shadow ruleset's name: {@code fraud.shadow} runs beside {@code fraud}. */
    public static final String SHADOW_SUFFIX = ".shadow";

    /** A ruleset that decides. */
    public DeclaredRuleSet(String name, RuleSetKind<R> kind, CaseFacts caseFacts) {
        this(name, kind, caseFacts, null);
    }

    /** The shadow of this ruleset: the same kind and fact model, under {@code <name>.shadow}. */
    public DeclaredRuleSet<R> shadow() {
        return new DeclaredRuleSet<>(name + SHADOW_SUFFIX, kind, caseFacts, name);
    }

    public boolean isShadow() {
        return shadowOf != null;
    }

    /** @throws IllegalStateException when two declare the same name */
    public static Map<String, DeclaredRuleSet<?>> byName(Collection<DeclaredRuleSet<?>> declared) {
        return declared.stream().collect(Collectors.toUnmodifiableMap(DeclaredRuleSet::name, Function.identity()));
    }
}
