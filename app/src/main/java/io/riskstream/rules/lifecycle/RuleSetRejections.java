package io.riskstream.rules.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.riskstream.rules.engine.RuleSetRejectedException;

/** The last rejection of each ruleset name, for {@code GET /actuator/rules}. */
public final class RuleSetRejections {

    /** @param at when; @param by who tried to publish; @param problems each naming file, line and problem */
    public record Rejection(Instant at, String by, List<String> problems) {
    }

    private final Map<String, Rejection> last = new ConcurrentHashMap<>();

    void record(RuleSetRejectedException rejection, String by, Instant at) {
        last.put(rejection.ruleSetName(), new Rejection(at, by, rejection.problems()));
    }

    public Optional<Rejection> last(String name) {
        return Optional.ofNullable(last.get(name));
    }
}
