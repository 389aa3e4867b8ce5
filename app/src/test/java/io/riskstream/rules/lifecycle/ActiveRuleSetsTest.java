package io.riskstream.rules.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.riskstream.rules.engine.CompiledRuleSet;
import io.riskstream.rules.engine.Evaluation;
import io.riskstream.rules.engine.EvaluationLimits;
import io.riskstream.rules.engine.FiredRules;
import io.riskstream.rules.engine.RuleEvaluator;
import io.riskstream.rules.engine.RuleSetCompiler;
import io.riskstream.rules.engine.TestDrl;

class ActiveRuleSetsTest {

    private static final String PAUSING_RULE = TestDrl.HEADER + """
            import java.util.concurrent.CountDownLatch;
            rule "pause" when $latches : java.util.List() then
                ((CountDownLatch) $latches.get(0)).countDown();
                ((CountDownLatch) $latches.get(1)).await(5, java.util.concurrent.TimeUnit.SECONDS);
            end
            """;

    private final RuleSetCompiler compiler = new RuleSetCompiler();
    private final ActiveRuleSets active = new ActiveRuleSets(new RuleEvaluator(EvaluationLimits.DEFAULTS),
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void inFlightEvaluationKeepsTheVersionItStartedWith() throws Exception {
        active.activate(compile(1, PAUSING_RULE));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        CompletableFuture<Evaluation<FiredRules>> inFlight = CompletableFuture.supplyAsync(
                () -> active.evaluate("fraud", FiredRules.KIND, List.of(List.of(started, release))));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        boolean swapped = active.activate(compile(2, TestDrl.rule("other", "String()")));
        release.countDown();

        assertThat(swapped).isTrue();
        assertThat(inFlight.get(5, TimeUnit.SECONDS).ruleSetVersion()).isEqualTo(1);
        assertThat(active.evaluate("fraud", FiredRules.KIND, List.of("x")).ruleSetVersion()).isEqualTo(2);
    }

    @Test
    void olderVersionDoesNotReplaceNewerOne() {
        active.activate(compile(5, TestDrl.rule("a", "String()")));

        assertThat(active.activate(compile(4, TestDrl.rule("b", "String()")))).isFalse();
        assertThat(active.current("fraud")).get().extracting(rs -> rs.ruleSet().version()).isEqualTo(5L);
    }

    @Test
    void countsHitsPerRuleOfTheActiveVersion() {
        active.activate(compile(1, TestDrl.rule("long-word", "String(length > 3)")
                + TestDrl.rules("any-word", "String()") + TestDrl.rules("never", "Integer()")));

        active.evaluate("fraud", FiredRules.KIND, List.of("hello"));
        active.evaluate("fraud", FiredRules.KIND, List.of("hi"));
        active.evaluate("fraud", FiredRules.KIND, List.of("howdy"));

        assertThat(active.hitCounts("fraud")).containsEntry("long-word", 2L).containsEntry("any-word", 3L)
                .containsEntry("never", 0L);
    }

    @Test
    void theActiveVersionGaugeSaysWhichVersionDecidesAndZeroBeforeAny() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        new RuleMetrics(meters).declared(List.of("fraud"), active);
        var gauge = meters.get(RuleMetrics.ACTIVE_VERSION).tag("ruleset", "fraud").gauge();
        assertThat(gauge.value()).isZero();

        active.activate(compile(7, TestDrl.rule("a", "String()")));

        assertThat(gauge.value()).isEqualTo(7.0);
    }

    private CompiledRuleSet compile(long version, String rules) {
        return compiler.compile("fraud", version, Map.of("rules.drl", rules));
    }
}
