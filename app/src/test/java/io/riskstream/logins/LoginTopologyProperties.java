package io.riskstream.logins;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.SessionStore;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.riskstream.events.LoginEvent;
import io.riskstream.events.MultiCountryAlert;
import io.riskstream.events.Transaction;
import io.riskstream.platform.DeadLetterChecks;
import io.riskstream.platform.DeadLetters;
import io.riskstream.platform.DecodingSerde;
import io.riskstream.platform.HostileInputs;
import io.riskstream.platform.HostileInputs.Batch;
import io.riskstream.platform.HostileInputs.Fate;
import io.riskstream.platform.HostileInputs.Shape;
import io.riskstream.platform.InputLimits;
import io.riskstream.platform.TestAvroSerde;
import io.riskstream.platform.Topics;
import io.riskstream.platform.TopologyTests;
import io.riskstream.rules.lifecycle.RepositoryRules;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The logins stream against generated logins mixed with every class of bad record, with the repository's own
 * ruleset: nothing throws, every bad record is in {@code logins.dlq} once with its reason, and every good login is
 * accounted for — counted in its user's session, or audited on {@code late-logins} when it came too late.
 */
class LoginTopologyProperties {

    static final Serde<LoginEvent> LOGINS = TestAvroSerde.of(LoginEvent.class);
    static final Serde<MultiCountryAlert> ALERTS = TestAvroSerde.of(MultiCountryAlert.class);
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final InputLimits LIMITS = InputLimits.defaults(CLOCK);
    static final LoginSettings SETTINGS = new LoginSettings(Duration.ofMinutes(5), Duration.ofMinutes(1));
    static final List<String> COUNTRIES = List.of("DE", "FR", "US", "GB", "ES", "BR");

    static final HostileInputs.Subject<LoginEvent> SUBJECT = new HostileInputs.Subject<>(
            LoginTopologyProperties::login,
            LoginEvent::getUserId,
            login -> LoginEvent.newBuilder(login).setUserId(login.getUserId() + "-\u00e9\uD83D\uDE00\u200F").build(),
            List.of(
                    login -> LoginEvent.newBuilder(login).setUserId("").build(),
                    login -> LoginEvent.newBuilder(login).setUserId("u".repeat(300)).build(),
                    login -> LoginEvent.newBuilder(login).setUserId(login.getUserId() + "\uFFFD").build(),
                    login -> LoginEvent.newBuilder(login).setCountry("XX").build(),
                    login -> LoginEvent.newBuilder(login).setCountry("").build(),
                    login -> LoginEvent.newBuilder(login).setIpAddress("10.0.0.1\r\n").build()),
            Transaction.newBuilder().setTransactionId("t").setCardId("user-1").setAccountId("a").setAmountMinor(1)
                    .setCurrency("EUR").setMerchantId("m").setMerchantCategory("5411").setCountry("DE")
                    .setChannel("POS").setEventTime(NOW).build(),
            LOGINS);

    @Provide
    Arbitrary<List<Shape>> batches() {
        return HostileInputs.shapeLists(false);
    }

    /**
     * Good logins come out of order over 8 minutes: enough for some to be too late (past gap + lateness), not for
     * any session to leave the store, so that every good login is in a session or on {@code late-logins}.
     */
    @Property(tries = 15)
    void everyGoodLoginIsAccountedForAndEveryBadOneDeadLettered(@ForAll("batches") List<Shape> shapes,
                                                                @ForAll long seed) {
        Batch batch = HostileInputs.batch(shapes, seed, SUBJECT, LIMITS, Duration.ofMinutes(8), false);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (TopologyTestDriver driver = driver(meters)) {
            batch.sendTo(driver.createInputTopic(Topics.LOGINS.name(), Serdes.String().serializer(),
                    Serdes.ByteArray().serializer()));

            long late = driver.createOutputTopic(Topics.LATE_LOGINS.name(), Serdes.String().deserializer(),
                    LOGINS.deserializer()).readValuesToList().size();
            SessionStore<String, LoginSession> sessions = driver.getSessionStore(LoginTopology.SESSIONS_STORE);
            Set<String> users = batch.withFate(Fate.PROCESSED).stream()
                    .map(input -> ((LoginEvent) input.decoded()).getUserId()).collect(Collectors.toSet());
            long inSessions = 0;
            for (String user : users) {
                try (KeyValueIterator<?, LoginSession> found = sessions.fetch(user)) {
                    while (found.hasNext()) {
                        inSessions += found.next().value.logins();
                    }
                }
            }
            assertThat(inSessions + late).as("good logins in sessions (%d) or late (%d)", inSessions, late)
                    .isEqualTo(batch.withFate(Fate.PROCESSED).size());
            DeadLetterChecks.exactlyTheBadOnes(batch, driver.createOutputTopic(Topics.LOGINS.deadLetterTopic(),
                    Serdes.String().deserializer(), Serdes.ByteArray().deserializer()).readRecordsToList(),
                    meters, DeadLetters.METRIC);
        }
    }

    private static TopologyTestDriver driver(SimpleMeterRegistry meters) {
        AlertPolicy policy = new RulesAlertPolicy(
                RepositoryRules.active(RulesAlertPolicy.ruleSet(), 1, CLOCK), meters);
        StreamsBuilder builder = new StreamsBuilder();
        LoginTopology.build(builder.stream(Topics.LOGINS.name(),
                                Consumed.with(Serdes.String(), new DecodingSerde<>(LOGINS, LoginEvent.class))),
                        SETTINGS, policy, ALERTS, LOGINS, LIMITS, CLOCK, meters)
                .to(Topics.LOGIN_ALERTS.name(), Produced.with(Serdes.String(), ALERTS));
        return TopologyTests.driver(builder.build(), LIMITS);
    }

    private static LoginEvent login(int i, Instant time, Random random) {
        return LoginEvent.newBuilder()
                .setUserId("user-" + random.nextInt(10))
                .setCountry(COUNTRIES.get(random.nextInt(COUNTRIES.size())))
                .setIpAddress("10.0.0." + random.nextInt(256))
                .setSuccess(random.nextInt(10) > 0)
                .setEventTime(time)
                .build();
    }
}
