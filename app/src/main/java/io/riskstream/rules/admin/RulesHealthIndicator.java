package io.riskstream.rules.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.riskstream.platform.Topics;
import io.riskstream.rules.lifecycle.ActiveRuleSets;
import io.riskstream.rules.lifecycle.RuleSetDistribution;
import io.riskstream.rules.lifecycle.RuleSetRejections;

/**
 * The {@code rules} component of {@code /actuator/health}. DOWN when a declared ruleset has no active version
 * (nothing to decide with) or when the follower of {@code rulesets} is no longer following after the start
 * (restarting after a failure, or dead): such an instance keeps deciding, but with a version that published
 * changes no longer reach, which nothing else would show. UP otherwise, also while a record is retried because
 * the registry is away. The details give each ruleset's active version, sha256 and last rejection, and what the
 * follower is doing.
 */
final class RulesHealthIndicator implements HealthIndicator {

    private final List<String> names;
    private final ActiveRuleSets active;
    private final RuleSetRejections rejections;
    private final RuleSetDistribution distribution;

    RulesHealthIndicator(List<String> names, ActiveRuleSets active, RuleSetRejections rejections,
                                RuleSetDistribution distribution) {
        this.names = List.copyOf(names);
        this.active = active;
        this.rejections = rejections;
        this.distribution = distribution;
    }

    @Override
    public Health health() {
        List<String> problems = new ArrayList<>();
        Map<String, Object> rulesets = new LinkedHashMap<>();
        for (String name : names) {
            Map<String, Object> view = new LinkedHashMap<>();
            active.current(name).ifPresentOrElse(current -> {
                view.put("version", current.ruleSet().version());
                view.put("sha256", current.ruleSet().sha256());
            }, () -> problems.add("ruleset '" + name + "' has no active version"));
            rejections.last(name).ifPresent(rejection -> view.put("lastRejection", Map.of(
                    "at", rejection.at().toString(), "by", rejection.by(), "problems", rejection.problems())));
            rulesets.put(name, view);
        }
        RuleSetDistribution.FollowerStatus follower = distribution.follower();
        if (follower.isDown()) {
            problems.add("the follower of " + Topics.RULESETS.name() + " is " + follower.state().name().toLowerCase()
                    + ": " + follower.reason());
        }
        Map<String, Object> following = new LinkedHashMap<>();
        following.put("state", follower.state().name());
        if (follower.reason() != null) {
            following.put("reason", follower.reason());
        }
        following.put("since", follower.since().toString());
        following.put("restarts", follower.restarts());
        if (follower.lastFailure() != null) {
            following.put("lastFailure", Map.of("at", follower.lastFailure().at().toString(),
                    "reason", follower.lastFailure().reason()));
        }
        Health.Builder health = problems.isEmpty() ? Health.up() : Health.down().withDetail("reason",
                String.join("; ", problems));
        return health.withDetail("rulesets", rulesets).withDetail("follower", following).build();
    }
}
