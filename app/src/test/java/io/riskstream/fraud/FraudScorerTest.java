package io.riskstream.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.riskstream.events.FraudDecision;
import io.riskstream.events.Reason;
import io.riskstream.events.Transaction;
import io.riskstream.rules.engine.EvaluationLimits;
import io.riskstream.rules.engine.RuleEvaluator;
import io.riskstream.rules.engine.RuleSetCompiler;
import io.riskstream.rules.lifecycle.ActiveRuleSets;
import io.riskstream.rules.lifecycle.RuleSetFiles;

/** The scorer with the repository's starter ruleset, as the topology uses it. */
class FraudScorerTest {

    static final Instant DECIDED_AT = Instant.parse("2026-01-10T12:00:05Z");
    static final long VERSION = 42;

    private static final ActiveRuleSets RULES = new ActiveRuleSets(new RuleEvaluator(EvaluationLimits.DEFAULTS),
            Clock.systemUTC());

    private final FraudScorer scorer = new FraudScorer(RULES, Clock.fixed(DECIDED_AT, ZoneOffset.UTC));
    private final CardProfileUpdater updater = new CardProfileUpdater(new CardProfileConfig(20, 50, Duration.ofDays(30)));

    @BeforeAll
    static void activateStarterRules() {
        RuleSetFiles files = RuleSetFiles.read(Path.of("..", "rules", FraudScorer.RULESET));
        RULES.activate(new RuleSetCompiler().compile(files.name(), VERSION, files.drl()));
    }

    @Test
    void decisionCarriesTransactionRulesetVersionAndTimes() {
        Transaction tx = TestTransactions.at("2026-01-10T12:00:00Z").build();

        FraudDecision decision = scorer.score(tx, CardProfile.empty().snapshotAt(tx.getEventTime()));

        assertThat(decision.getTransactionId()).isEqualTo(tx.getTransactionId());
        assertThat(decision.getCardId()).isEqualTo("card-1");
        assertThat(decision.getDecision()).isEqualTo("APPROVE");
        assertThat(decision.getScore()).isZero();
        assertThat(decision.getReasons()).extracting(Reason::getRuleId, Reason::getPoints)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("approve-threshold", 0));
        assertThat(decision.getRulesetVersion()).isEqualTo(VERSION);
        assertThat(decision.getEventTime()).isEqualTo(tx.getEventTime());
        assertThat(decision.getDecidedAt()).isEqualTo(DECIDED_AT);
    }

    @Test
    void declinesWhenVelocityExceededWhileTravelling() {
        CardProfile profile = CardProfile.empty();
        for (int second = 0; second < 50; second += 10) {
            profile = updater.apply(profile, TestTransactions.at("2026-01-10T12:00:" + (10 + second) + "Z").build());
        }
        Transaction tx = TestTransactions.at("2026-01-10T12:01:05Z").setCountry("US").build();

        FraudDecision decision = scorer.score(tx, profile.snapshotAt(tx.getEventTime()));

        assertThat(decision.getDecision()).isEqualTo("DECLINE");
        assertThat(decision.getScore()).isEqualTo(750);
        assertThat(decision.getReasons()).extracting(Reason::getRuleId)
                .containsExactlyInAnyOrder("velocity-burst", "impossible-travel", "decline-threshold");
        assertThat(RULES.hitCounts(FraudScorer.RULESET)).containsKey("velocity-burst");
    }

    @Test
    void ipMismatchDoesNotFireForV1Records() {
        CardProfile profile = updater.apply(CardProfile.empty(), TestTransactions.at("2026-01-10T10:00:00Z").build());
        Transaction v1 = TestTransactions.at("2026-01-10T12:00:00Z").setChannel("ECOM").build();
        Transaction v2 = TestTransactions.at("2026-01-10T12:00:00Z").setChannel("ECOM").setIpCountry("RU").build();

        FraudDecision v1Decision = scorer.score(v1, profile.snapshotAt(v1.getEventTime()));
        FraudDecision v2Decision = scorer.score(v2, profile.snapshotAt(v2.getEventTime()));

        assertThat(v1Decision.getReasons()).extracting(Reason::getRuleId).containsExactly("approve-threshold");
        assertThat(v2Decision.getReasons()).extracting(Reason::getRuleId)
                .containsExactly("ip-country-mismatch", "approve-threshold");
    }
}
