package io.riskstream.rules.admin;

import static io.riskstream.rules.lifecycle.FollowedTopic.registryUnreachable;
import static io.riskstream.rules.lifecycle.FollowedTopic.ruleSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import io.riskstream.events.RuleSet;
import io.riskstream.rules.lifecycle.FollowedTopic;
import io.riskstream.rules.lifecycle.RuleSetDistribution;

class RulesHealthIndicatorTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> DECLARED = List.of("fraud", "logins");

    private final FollowedTopic topic = new FollowedTopic();
    private final RuleSetDistribution distribution = topic.distribution(DECLARED, Duration.ofSeconds(20));
    private final RulesHealthIndicator indicator =
            new RulesHealthIndicator(DECLARED, topic.active, topic.rejections, distribution);

    @AfterEach
    void stopFollowing() {
        if (distribution.isRunning()) {
            distribution.stop();
        }
    }

    @Test
    void downWhileADeclaredRulesetHasNoActiveVersion() {
        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("reason")).asString()
                .contains("ruleset 'fraud' has no active version").contains("ruleset 'logins' has no active version");
    }

    @Test
    void upWithEachRulesetsActiveVersionSha256AndLastRejection() {
        RuleSet fraud = ruleSet("fraud", 1);
        topic.append(fraud);
        topic.append(ruleSet("logins", 4));
        topic.append(ruleSet("fraud", 2, "this is not DRL"));
        distribution.start();

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).doesNotContainKey("reason");
        Map<String, Map<String, Object>> rulesets = rulesets(health);
        assertThat(rulesets.get("fraud")).containsEntry("version", 1L).containsEntry("sha256", fraud.getSha256())
                .containsKey("lastRejection");
        assertThat(rulesets.get("fraud").get("lastRejection")).asString().contains("rulesets-0 offset 2");
        assertThat(rulesets.get("logins")).containsEntry("version", 4L).doesNotContainKey("lastRejection");
        assertThat(follower(health)).containsEntry("state", "FOLLOWING").containsEntry("restarts", 0);
    }

    @Test
    void downWhileTheFollowerRestartsAfterAFailureAndUpOnceItFollowsAgain() {
        publishBoth();
        distribution.start();

        topic.brokerReachable.set(false);
        topic.current().setPollException(new KafkaException("test: the broker went away"));

        await().atMost(WAIT).until(() -> indicator.health().getStatus().equals(Status.DOWN));
        Health down = indicator.health();
        assertThat(down.getDetails().get("reason")).asString()
                .contains("the follower of rulesets is restarting");
        assertThat(follower(down)).containsEntry("state", "RESTARTING");
        // The rulesets are still there: only following has stopped.
        assertThat(rulesets(down).get("fraud")).containsEntry("version", 1L);

        topic.brokerReachable.set(true);

        await().atMost(WAIT).until(() -> indicator.health().getStatus().equals(Status.UP));
        Map<String, Object> following = follower(indicator.health());
        assertThat(following).containsEntry("state", "FOLLOWING");
        assertThat((int) following.get("restarts")).isGreaterThanOrEqualTo(1);
        // Why it failed is still there for whoever looks after the fact.
        assertThat(following.get("lastFailure")).asString().contains("no broker reachable");
    }

    @Test
    void downForGoodWhenTheFollowerThreadDies() {
        publishBoth();
        distribution.start();

        topic.current().schedulePollTask(() -> {
            throw new InternalError("test: the JVM is in trouble");
        });

        // An Error is not restarted from: the JVM itself is in trouble, and health says so until it is replaced.
        // The follower rethrows the Error to its thread's handler, which Awaitility would otherwise take over.
        await().dontCatchUncaughtExceptions().atMost(WAIT)
                .until(() -> distribution.follower().state() == RuleSetDistribution.FollowerState.DEAD);
        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("reason")).asString()
                .contains("the follower of rulesets is dead").contains("the JVM is in trouble");
    }

    @Test
    void upWhileARecordIsRetriedBecauseTheRegistryIsAway() {
        publishBoth();
        distribution.start();
        AtomicBoolean registryUp = new AtomicBoolean();
        topic.append("fraud", "v2 while the registry is away", () -> {
            if (!registryUp.get()) {
                throw registryUnreachable();
            }
            return ruleSet("fraud", 2);
        });

        await().atMost(WAIT).until(() -> distribution.follower().state() == RuleSetDistribution.FollowerState.RETRYING);
        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(follower(health)).containsEntry("state", "RETRYING");
        assertThat(follower(health).get("reason")).asString().contains("ConnectException");
        registryUp.set(true);
    }

    @Test
    void stoppingIsNotAFailure() {
        publishBoth();
        distribution.start();

        distribution.stop();

        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        assertThat(follower(indicator.health())).containsEntry("state", "STOPPED");
    }

    private void publishBoth() {
        topic.append(ruleSet("fraud", 1));
        topic.append(ruleSet("logins", 1));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> rulesets(Health health) {
        return (Map<String, Map<String, Object>>) health.getDetails().get("rulesets");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> follower(Health health) {
        return (Map<String, Object>) health.getDetails().get("follower");
    }
}
