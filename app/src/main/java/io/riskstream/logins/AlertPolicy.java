package io.riskstream.logins;

import java.util.Optional;
import java.util.SortedSet;

/** Decides whether a session's countries make an alert; the {@code logins} ruleset implements it. */
@FunctionalInterface
public interface AlertPolicy {

    /** The rule that raises an alert for these countries, or empty when none does. */
    Optional<Verdict> evaluate(String userId, SortedSet<String> countries);

    /** @param ruleId the rule that raised the alert; @param rulesetVersion the version it belongs to */
    record Verdict(String ruleId, long rulesetVersion) {
    }
}
