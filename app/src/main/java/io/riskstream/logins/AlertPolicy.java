package io.riskstream.logins;

import java.util.Optional;

/** Decides whether a session makes an alert; the {@code logins} ruleset implements it. */
@FunctionalInterface
public interface AlertPolicy {

    /** The rule that raises an alert for this session, or empty when none does. */
    Optional<Verdict> evaluate(LoginSessionFacts session);

    /** @param ruleId the rule that raised the alert; @param rulesetVersion the version it belongs to */
    record Verdict(String ruleId, long rulesetVersion) {
    }
}
