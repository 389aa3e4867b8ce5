package io.riskstream.rules;

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

class ActiveRuleSetsTest {

    private static final String PAUSING_RULE = RuleEvaluatorTest.HEADER + """
            import java.util.concurrent.CountDownLatch;
            rule "pause" when $latches : java.util.List() then
                ((CountDownLatch) $latches.get(0)).countDown();
                ((CountDownLatch) $latches.get(1)).await(5, java.util.concurrent.TimeUnit.SECONDS);
                scorecard.add(1, "paused");
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

        CompletableFuture<Evaluation> inFlight = CompletableFuture.supplyAsync(
                () -> active.evaluate("fraud", List.of(List.of(started, release))));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        boolean swapped = active.activate(compile(2, RuleEvaluatorTest.scoring("other", "String()", 1)));
        release.countDown();

        assertThat(swapped).isTrue();
        assertThat(inFlight.get(5, TimeUnit.SECONDS).ruleSetVersion()).isEqualTo(1);
        assertThat(active.evaluate("fraud", List.of("x")).ruleSetVersion()).isEqualTo(2);
    }

    @Test
    void olderVersionDoesNotReplaceNewerOne() {
        active.activate(compile(5, RuleEvaluatorTest.scoring("a", "String()", 1)));

        assertThat(active.activate(compile(4, RuleEvaluatorTest.scoring("b", "String()", 1)))).isFalse();
        assertThat(active.current("fraud")).get().extracting(rs -> rs.ruleSet().version()).isEqualTo(5L);
    }

    @Test
    void countsHitsPerRuleOfTheActiveVersion() {
        active.activate(compile(1, RuleEvaluatorTest.scoring("long-word", "String(length > 3)", 1)));

        active.evaluate("fraud", List.of("hello"));
        active.evaluate("fraud", List.of("hi"));
        active.evaluate("fraud", List.of("howdy"));

        assertThat(active.hitCounts("fraud")).containsEntry("long-word", 2L).containsEntry("approve-threshold", 3L)
                .containsEntry("decline-threshold", 0L);
    }

    private CompiledRuleSet compile(long version, String scoring) {
        return compiler.compile("fraud", version,
                Map.of("scoring.drl", scoring, "thresholds.drl", RuleEvaluatorTest.THRESHOLDS));
    }
}
