package io.riskstream.rules.lifecycle;

import static io.riskstream.rules.lifecycle.FollowedTopic.afterTransientFailures;
import static io.riskstream.rules.lifecycle.FollowedTopic.registryUnreachable;
import static io.riskstream.rules.lifecycle.FollowedTopic.ruleSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import io.apicurio.registry.rest.client.exception.RestClientException;
import io.riskstream.events.LoginEvent;
import io.riskstream.events.RuleSet;
import io.riskstream.platform.TestSigning;
import io.riskstream.rules.engine.TestDrl;

class RuleSetDistributionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration CATCH_UP = Duration.ofSeconds(20);
    private static final List<String> DECLARED = List.of("fraud");
    /** Deep enough nesting overflows the Drools parser's stack: an Error, not a RuleSetRejectedException. */
    private static final String HOSTILE = TestDrl.HEADER + "rule \"deep\" when String(" + "(".repeat(20_000)
            + "length > 1" + ")".repeat(20_000) + ") then end\n";
    /** A compile error. */
    private static final String BROKEN = TestDrl.HEADER + "rule \"broken\" when NoSuchFact() then end\n";

    private final FollowedTopic topic = new FollowedTopic();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private RuleSetDistribution distribution;

    @BeforeEach
    void captureLog() {
        logged.start();
        logger().addAppender(logged);
    }

    @AfterEach
    void stopFollowing() {
        if (distribution != null && distribution.isRunning()) {
            distribution.stop();
        }
        logger().detachAppender(logged);
    }

    @Test
    void recordThatIsNotAvroIsSkippedAsUndecodableWithAnErrorNamingWhere() {
        long offset = topic.append("fraud", "64 random bytes", () -> {
            throw new SerializationException("Unknown magic byte!");
        });

        assertThat(distribution().read(topic.record(offset))).isEmpty();

        assertThat(topic.unreadable("undecodable")).isEqualTo(1);
        assertThat(errors()).singleElement().satisfies(line -> assertThat(line)
                .contains("rulesets partition 0 offset 0").contains("undecodable").contains("Unknown magic byte"));
    }

    @Test
    void recordWithASchemaIdTheRegistryDoesNotKnowIsSkippedAsUndecodableNotRetried() {
        long offset = topic.append("fraud", "unknown schema id", () -> {
            throw registryAnswer(404, "ArtifactNotFoundException");
        });

        assertThat(distribution().read(topic.record(offset))).isEmpty();

        assertThat(topic.unreadable("undecodable")).isEqualTo(1);
        assertThat(topic.decodings(offset)).isEqualTo(1);
    }

    @Test
    void avroRecordOfAnotherTypeIsSkippedAsWrongType() {
        LoginEvent login = LoginEvent.newBuilder().setUserId("u-1").setCountry("DE").setIpAddress(null)
                .setSuccess(true).setEventTime(Instant.parse("2026-01-01T00:00:00Z")).build();
        long offset = topic.append("fraud", "a login event", () -> login);

        assertThat(distribution().read(topic.record(offset))).isEmpty();

        assertThat(topic.unreadable("wrong-type")).isEqualTo(1);
        assertThat(errors()).singleElement().satisfies(line -> assertThat(line).contains("wrong-type")
                .contains(LoginEvent.class.getName()));
    }

    @Test
    void tombstoneIsSkippedQuietly() {
        long offset = topic.tombstone("fraud");

        assertThat(distribution().read(topic.record(offset))).isEmpty();

        assertThat(List.of("undecodable", "wrong-type", "undeclared", "invalid"))
                .allSatisfy(reason -> assertThat(topic.unreadable(reason)).as(reason).isZero());
        assertThat(errors()).isEmpty();
    }

    @Test
    void rulesetNoCapabilityDeclaresIsSkippedAsUndeclared() {
        long offset = topic.append(ruleSet("payments", 1));

        assertThat(distribution().read(topic.record(offset))).isEmpty();

        assertThat(topic.unreadable("undeclared")).isEqualTo(1);
        assertThat(topic.published.newest("payments")).isEmpty();
    }

    @Test
    void rulesetWithoutANameOrWithAVersionBelowOneIsSkippedAsInvalid() {
        RuleSetDistribution distribution = distribution();

        for (RuleSet bad : List.of(ruleSet("", 1), ruleSet("  ", 1), ruleSet("fraud", 0), ruleSet("fraud", -3))) {
            assertThat(distribution.read(topic.record(topic.append(bad)))).isEmpty();
        }

        assertThat(topic.unreadable("invalid")).isEqualTo(4);
        assertThat(topic.published.newestVersion("fraud")).isZero();
    }

    @Test
    void valueThatDecodesToNothingIsSkippedAsUndecodable() {
        long offset = topic.append("fraud", "decodes to null", () -> null);

        assertThat(distribution().read(topic.record(offset))).isEmpty();

        assertThat(topic.unreadable("undecodable")).isEqualTo(1);
    }

    @Test
    void unreadableRecordsNeverStopTheStartAndTheNewestVersionBecomesActive() {
        topic.append(ruleSet("fraud", 1));
        topic.append("fraud", "64 random bytes", () -> {
            throw new SerializationException("Unknown magic byte!");
        });
        topic.append("fraud", "a login event", () -> LoginEvent.newBuilder().setUserId("u").setCountry("DE")
                .setIpAddress(null).setSuccess(true).setEventTime(Instant.EPOCH).build());
        topic.tombstone("fraud");
        topic.append(ruleSet("payments", 7));
        topic.append(ruleSet("fraud", 0));
        topic.append(ruleSet("fraud", 2));

        distribution().start();

        assertThat(topic.activeVersion("fraud")).isEqualTo(2);
        assertThat(topic.unreadable("undecodable")).isEqualTo(1);
        assertThat(topic.unreadable("wrong-type")).isEqualTo(1);
        assertThat(topic.unreadable("undeclared")).isEqualTo(1);
        assertThat(topic.unreadable("invalid")).isEqualTo(1);
        assertThat(distribution.follower().state()).isEqualTo(RuleSetDistribution.FollowerState.FOLLOWING);
    }

    @Test
    void startCompilesOnlyTheNewestVersionThatCompilesOfEachRulesetNotItsWholeHistory() {
        topic.append(ruleSet("fraud", 1));
        topic.append(ruleSet("fraud", 2, HOSTILE));
        for (int version = 3; version <= 40; version++) {
            topic.append(ruleSet("fraud", version));
            if (version <= 10) {
                topic.append(ruleSet("logins", version));
            }
        }
        long newest = topic.append(ruleSet("fraud", 41, BROKEN));

        distribution = topic.distribution(List.of("fraud", "logins"), CATCH_UP);
        distribution.start();

        assertThat(topic.activeVersion("fraud")).isEqualTo(40);
        assertThat(topic.activeVersion("logins")).isEqualTo(10);
        // Version 41 tried and rejected, then 40: nothing older, and the hostile version 2 never.
        assertThat(topic.compilations).containsExactlyInAnyOrder("fraud rejected", "fraud", "logins");
        assertThat(topic.rejections.last("fraud")).map(RuleSetRejections.Rejection::by)
                .hasValue("rulesets-0 offset " + newest);
        assertThat(topic.rejections.last("logins")).isEmpty();
    }

    @Test
    void whenTheNewestVersionsDoNotCompileAtStartTheNewestThatDoesIsActiveAndTheNewestRejectionIsRecorded() {
        topic.append(ruleSet("fraud", 1));
        topic.append(ruleSet("fraud", 2));
        topic.append(ruleSet("fraud", 3, HOSTILE));
        long newest = topic.append(ruleSet("fraud", 4, BROKEN));

        distribution().start();

        assertThat(topic.activeVersion("fraud")).isEqualTo(2);
        assertThat(topic.compilations).containsExactly("fraud rejected", "fraud rejected", "fraud");
        assertThat(topic.rejections.last("fraud")).hasValueSatisfying(rejection -> {
            assertThat(rejection.by()).isEqualTo("rulesets-0 offset " + newest);
            assertThat(rejection.problems()).singleElement().asString().doesNotContain("StackOverflowError");
        });
    }

    @Test
    void activeVersionGaugeShowsEachDeclaredRulesetsVersionAndZeroBeforeAnyIsActive() {
        topic.append(ruleSet("fraud", 3));
        distribution = topic.distribution(List.of("fraud", "logins"), CATCH_UP);
        assertThat(activeVersionGauge("fraud")).isZero();

        topic.append(ruleSet("logins", 7));
        distribution.start();
        assertThat(activeVersionGauge("fraud")).isEqualTo(3);
        assertThat(activeVersionGauge("logins")).isEqualTo(7);

        topic.append(ruleSet("fraud", 4));
        await().atMost(WAIT).until(() -> activeVersionGauge("fraud") == 4);
    }

    @Test
    void publishedVersionThatDoesNotCompileIsCountedAsRejectedForItsRulesetOnly() {
        topic.append(ruleSet("fraud", 1));
        topic.append(ruleSet("logins", 1));
        distribution = topic.distribution(List.of("fraud", "logins"), CATCH_UP);
        assertThat(topic.rejectedVersions("fraud")).isZero();

        distribution.start();
        topic.append(ruleSet("fraud", 2, BROKEN));

        await().atMost(WAIT).until(() -> topic.rejectedVersions("fraud") == 1);
        assertThat(topic.rejectedVersions("logins")).isZero();
        assertThat(topic.activeVersion("fraud")).isEqualTo(1);
    }

    private double activeVersionGauge(String ruleset) {
        return topic.meters.get(RuleMetrics.ACTIVE_VERSION).tag("ruleset", ruleset).gauge().value();
    }

    @Test
    void startFailsWhenNoVersionOfADeclaredRulesetCompiles() {
        topic.append(ruleSet("fraud", 1, BROKEN));
        topic.append(ruleSet("fraud", 2, HOSTILE));

        assertThatThrownBy(() -> distribution().start()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ruleset 'fraud' version 2 cannot be activated here")
                .hasMessageContaining("StackOverflowError");
        assertThat(topic.compilations).containsExactly("fraud rejected", "fraud rejected");
    }

    @Test
    void rulesetsNotSignedByATrustedKeyAreRefusedWhileFollowingAndTheActiveVersionStays() {
        topic.append(ruleSet("fraud", 1));
        distribution().start();
        // The intruder: the newest files, version + 1, a correct sha256, no signature.
        RuleSet intruder = RuleSet.newBuilder(ruleSet("fraud", 2)).setPublishedBy("intruder").build();
        topic.append(intruder, new RecordHeaders());
        topic.appendSignedBy(TestSigning.signatures("intruder", TestSigning.newKeyPair()), ruleSet("fraud", 3));
        Headers signedForFour = new RecordHeaders();
        topic.signatures.sign(ruleSet("fraud", 4), signedForFour);
        topic.append(ruleSet("fraud", 5), signedForFour);
        Headers signedFiles = new RecordHeaders();
        RuleSet six = ruleSet("fraud", 6);
        topic.signatures.sign(six, signedFiles);
        topic.append(RuleSet.newBuilder(six).setFiles(Map.of("scoring.drl", TestDrl.rule("other", "String()")))
                .build(), signedFiles);

        await().atMost(WAIT).until(() -> topic.unreadable("bad-signature") == 2);
        assertThat(topic.unreadable("unsigned")).isEqualTo(1);
        assertThat(topic.unreadable("untrusted-key")).isEqualTo(1);
        assertThat(topic.activeVersion("fraud")).isEqualTo(1);
        assertThat(topic.compilations).containsExactly("fraud");
        assertThat(errors()).anySatisfy(line -> assertThat(line).contains("version 2").contains("intruder")
                .contains("not signed"));
        assertThat(errors()).anySatisfy(line -> assertThat(line).contains("version 3").contains("key 'intruder'")
                .contains("does not trust"));
    }

    @Test
    void aShadowNeedNotBePublishedIsActiveOnceItIsAndAVersionWithoutFilesTurnsItOffForGood() {
        topic.append(ruleSet("fraud", 1));
        distribution = topic.distribution(List.of("fraud", "fraud.shadow"), Set.of("fraud.shadow"), CATCH_UP);
        distribution.start();
        assertThat(topic.active.current("fraud.shadow")).as("no shadow published: the start does not wait for one")
                .isEmpty();

        long first = topic.append(ruleSet("fraud.shadow", 1));
        await().atMost(WAIT).until(() -> topic.activeVersion("fraud.shadow") == 1);
        topic.append(off("fraud.shadow", 2));
        await().atMost(WAIT).until(() -> topic.active.current("fraud.shadow").isEmpty());
        topic.append(ruleSet("fraud.shadow", 1), topic.record(first).headers());
        await().atMost(WAIT).until(() -> topic.unreadable("replayed") == 1);
        assertThat(topic.active.current("fraud.shadow")).as("an old version written again stays off").isEmpty();
        topic.append(ruleSet("fraud.shadow", 3));
        await().atMost(WAIT).until(() -> topic.activeVersion("fraud.shadow") == 3);
        assertThat(topic.activeVersion("fraud")).isEqualTo(1);
    }

    @Test
    void atStartAShadowTurnedOffAfterItsNewestGoodVersionStaysOffAndAFraudVersionWithoutFilesIsRejected() {
        topic.append(ruleSet("fraud", 1));
        topic.append(ruleSet("fraud.shadow", 1));
        topic.append(off("fraud.shadow", 2));
        topic.append(off("fraud", 2));

        distribution = topic.distribution(List.of("fraud", "fraud.shadow"), Set.of("fraud.shadow"), CATCH_UP);
        distribution.start();

        assertThat(topic.active.current("fraud.shadow")).isEmpty();
        assertThat(topic.active.retiredVersion("fraud.shadow")).isEqualTo(2);
        assertThat(topic.activeVersion("fraud")).as("only a shadow can be turned off").isEqualTo(1);
        assertThat(topic.compilations).doesNotContain("fraud.shadow");
    }

    private static RuleSet off(String name, long version) {
        return RuleSet.newBuilder(ruleSet(name, version)).setFiles(Map.of())
                .setSha256(io.riskstream.rules.engine.CompiledRuleSet.sha256Of(Map.of())).build();
    }

    @Test
    void anOlderSignedVersionWrittenAgainIsRefusedAsAReplayAtStartAndWhileFollowing() {
        long first = topic.append(ruleSet("fraud", 1));
        topic.append(ruleSet("fraud", 2));
        topic.append(ruleSet("fraud", 1), topic.record(first).headers());

        distribution().start();
        assertThat(topic.activeVersion("fraud")).isEqualTo(2);
        assertThat(topic.unreadable("replayed")).isEqualTo(1);

        topic.append(ruleSet("fraud", 1), topic.record(first).headers());
        await().atMost(WAIT).until(() -> topic.unreadable("replayed") == 2);
        assertThat(topic.activeVersion("fraud")).isEqualTo(2);
    }

    @Test
    void anUnsignedVersionIsRefusedButTheNextPublicationTakesANewerNumber() {
        RuleSetDistribution distribution = distribution();
        long offset = topic.append(ruleSet("fraud", 7), new RecordHeaders());

        assertThat(distribution.read(topic.record(offset)).flatMap(r -> distribution.admit(topic.record(offset), r)))
                .isEmpty();

        assertThat(topic.published.newest("fraud")).isEmpty();
        assertThat(topic.published.newestVersion("fraud")).isEqualTo(7);
    }

    @Test
    void unreadableRecordIsSkippedAndCountedWhileFollowingAndTheNextVersionStillArrives() {
        topic.append(ruleSet("fraud", 1));
        distribution().start();

        topic.append("fraud", "64 random bytes", () -> {
            throw new SerializationException("Unknown magic byte!");
        });
        topic.append(ruleSet("fraud", 2));

        await().atMost(WAIT).until(() -> topic.activeVersion("fraud") == 2);
        assertThat(topic.unreadable("undecodable")).isEqualTo(1);
        assertThat(distribution.follower().restarts()).isZero();
    }

    @Test
    void transientDecodingFailureAtStartIsRetriedNotSkipped() {
        long first = topic.append(ruleSet("fraud", 1), "v1, registry away three times", afterTransientFailures(3,
                ruleSet("fraud", 1)));

        distribution().start();

        assertThat(topic.activeVersion("fraud")).isEqualTo(1);
        assertThat(topic.decodings(first)).isEqualTo(4);
        assertThat(topic.unreadable("undecodable")).isZero();
    }

    @Test
    void startFailsNamingTheCauseWhenTheRegistryStaysAwayBeyondTheCatchUpTimeout() {
        long first = topic.append("fraud", "v1, registry away", () -> {
            throw registryUnreachable();
        });
        distribution = topic.distribution(DECLARED, Duration.ofMillis(300));

        assertThatThrownBy(distribution::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not read rulesets to its end within PT0.3S")
                .hasMessageContaining("ConnectException");

        // Retried, never skipped as unreadable; and the consumer of the failed start is not left open.
        assertThat(topic.decodings(first)).isGreaterThan(1);
        assertThat(topic.unreadable("undecodable")).isZero();
        assertThat(topic.current().closed()).isTrue();
    }

    @Test
    void transientDecodingFailureWhileFollowingIsRetriedInOrderUntilItDecodes() {
        topic.append(ruleSet("fraud", 1));
        distribution().start();

        long second = topic.append(ruleSet("fraud", 2), "v2, registry away five times", afterTransientFailures(5,
                ruleSet("fraud", 2)));
        topic.append(ruleSet("fraud", 3));

        await().atMost(WAIT).until(() -> topic.activeVersion("fraud") == 3);
        assertThat(topic.decodings(second)).isEqualTo(6);
        assertThat(topic.published.newestVersion("fraud")).isEqualTo(3);
        assertThat(topic.unreadable("undecodable")).isZero();
        // The follower says FOLLOWING once the poll that read the good version is handled, just after applying it.
        await().atMost(WAIT).until(() -> distribution.follower().state() == RuleSetDistribution.FollowerState.FOLLOWING);
    }

    @Test
    void recordIsNotPassedOverWhileTheRegistryIsAway() {
        topic.append(ruleSet("fraud", 1));
        distribution().start();
        AtomicBoolean registryUp = new AtomicBoolean();
        RuleSet second = ruleSet("fraud", 2);
        topic.append(second, "v2 while the registry is away", () -> {
            if (!registryUp.get()) {
                throw registryUnreachable();
            }
            return second;
        });
        topic.append(ruleSet("fraud", 3));

        await().atMost(WAIT).until(() -> distribution.follower().state() == RuleSetDistribution.FollowerState.RETRYING);
        assertThat(distribution.follower().reason()).contains("rulesets-0 offset 1").contains("ConnectException");
        // Version 3 waits behind version 2: applying it would skip 2 for good.
        assertThat(topic.activeVersion("fraud")).isEqualTo(1);
        assertThat(topic.published.newestVersion("fraud")).isEqualTo(1);

        registryUp.set(true);

        await().atMost(WAIT).until(() -> topic.activeVersion("fraud") == 3);
        // The follower says FOLLOWING once the poll that read the good version is handled, just after applying it.
        await().atMost(WAIT).until(() -> distribution.follower().state() == RuleSetDistribution.FollowerState.FOLLOWING);
    }

    @Test
    void compilerFailingWithSomethingElseThanARejectionIsRecordedAsOneAndFollowingGoesOn() {
        topic.append(ruleSet("fraud", 1));
        distribution().start();

        // Deep enough nesting overflows the Drools parser's stack: an Error, not a RuleSetRejectedException.
        String hostile = TestDrl.HEADER + "rule \"deep\" when String(" + "(".repeat(20_000) + "length > 1"
                + ")".repeat(20_000) + ") then end\n";
        long offset = topic.append(ruleSet("fraud", 2, hostile));
        topic.append(ruleSet("fraud", 3));

        await().atMost(WAIT).until(() -> topic.activeVersion("fraud") == 3);
        assertThat(topic.rejections.last("fraud")).hasValueSatisfying(rejection -> {
            assertThat(rejection.by()).isEqualTo("rulesets-0 offset " + offset);
            assertThat(rejection.problems()).singleElement().asString().contains("StackOverflowError");
        });
        assertThat(distribution.follower().restarts()).isZero();
    }

    @Test
    void applyKeepsTheActiveVersionWhenTheCompilerThrows() {
        topic.append(ruleSet("fraud", 1));
        distribution().start();
        String hostile = TestDrl.HEADER + "rule \"deep\" when String(" + "(".repeat(20_000) + "length > 1"
                + ")".repeat(20_000) + ") then end\n";

        distribution.apply(ruleSet("fraud", 2, hostile), "a test");

        assertThat(topic.activeVersion("fraud")).isEqualTo(1);
        assertThat(topic.rejections.last("fraud")).map(RuleSetRejections.Rejection::by).hasValue("a test");
    }

    @Test
    void followerThatFailsIsRestartedWhereItWasWithoutReadingAnythingTwice() {
        long first = topic.append(ruleSet("fraud", 1));
        topic.append("fraud", "64 random bytes", () -> {
            throw new SerializationException("Unknown magic byte!");
        });
        distribution().start();

        topic.current().setPollException(new KafkaException("test: the broker went away"));
        await().atMost(WAIT).until(() -> topic.consumersOpened() == 2
                && distribution.follower().state() == RuleSetDistribution.FollowerState.FOLLOWING);
        topic.append(ruleSet("fraud", 2));

        await().atMost(WAIT).until(() -> topic.activeVersion("fraud") == 2);
        assertThat(distribution.follower().restarts()).isEqualTo(1);
        assertThat(topic.decodings(first)).isEqualTo(1);
        assertThat(topic.unreadable("undecodable")).isEqualTo(1);
        assertThat(topic.consumersOpened()).isEqualTo(2);
    }

    @Test
    void stopEndsTheFollowerAndClosesItsConsumer() {
        topic.append(ruleSet("fraud", 1));
        distribution().start();

        distribution.stop();

        assertThat(distribution.isRunning()).isFalse();
        assertThat(distribution.follower().state()).isEqualTo(RuleSetDistribution.FollowerState.STOPPED);
        assertThat(topic.current().closed()).isTrue();
    }

    @Test
    void backoffDoublesUpToItsMaximum() {
        RuleSetDistribution.Backoff backoff = new RuleSetDistribution.Backoff(Duration.ofMillis(200),
                Duration.ofSeconds(30));

        assertThat(List.of(1, 2, 3, 8, 9, 1000).stream().map(backoff::after)).containsExactly(
                Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofMillis(25_600),
                Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    private RuleSetDistribution distribution() {
        distribution = topic.distribution(DECLARED, CATCH_UP);
        return distribution;
    }

    private List<String> errors() {
        return logged.list.stream().filter(event -> event.getLevel() == Level.ERROR)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static Logger logger() {
        return (Logger) LoggerFactory.getLogger(RuleSetDistribution.class);
    }

    private static RestClientException registryAnswer(int code, String name) {
        io.apicurio.registry.rest.v2.beans.Error error = new io.apicurio.registry.rest.v2.beans.Error();
        error.setErrorCode(code);
        error.setName(name);
        return new RestClientException(error);
    }
}
