package io.riskstream.logins;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
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

    /**
     * Users log in, successfully or not, from a handful of countries, with gaps that sometimes split a session; the
     * logins arrive shuffled within a minute (never late) and some twice (a retry). The alerts are what a reference
     * that sorts the whole history, splits it by the gap and counts only successful logins' countries says: a
     * session alerts exactly when it has more than 3 of them, and its alerts report exactly those.
     */
    @Property(tries = 10)
    void alertsCountOnlySuccessfulLoginsCountriesWhateverTheOrder(@ForAll long seed) {
        Random random = new Random(seed);
        List<LoginEvent> history = history(random);
        try (TopologyTestDriver driver = driver(new SimpleMeterRegistry())) {
            var input = driver.createInputTopic(Topics.LOGINS.name(), Serdes.String().serializer(),
                    LOGINS.serializer());
            for (LoginEvent login : arrivals(history, random)) {
                input.pipeInput(login.getUserId(), login, login.getEventTime());
            }
            assertThat(driver.createOutputTopic(Topics.LATE_LOGINS.name(), Serdes.String().deserializer(),
                    LOGINS.deserializer()).isEmpty()).as("no login late: the reference holds").isTrue();
            assertThat(driver.createOutputTopic(Topics.LOGIN_ALERTS_LATE.name(), Serdes.String().deserializer(),
                    ALERTS.deserializer()).isEmpty()).isTrue();
            List<MultiCountryAlert> alerts = driver.createOutputTopic(Topics.LOGIN_ALERTS.name(),
                    Serdes.String().deserializer(), ALERTS.deserializer()).readValuesToList();

            List<ReferenceSession> reference = ReferenceSession.of(history, SETTINGS.inactivityGap());
            for (ReferenceSession session : reference) {
                Set<String> alerted = alerts.stream().filter(session::contains)
                        .flatMap(alert -> alert.getCountries().stream()).collect(Collectors.toCollection(TreeSet::new));
                assertThat(alerted).as("countries alerted for %s", session)
                        .isEqualTo(session.successfulCountries().size() > 3 ? session.successfulCountries() : Set.of());
            }
            assertThat(alerts).as("every alert is within a session of the reference")
                    .allMatch(alert -> reference.stream().anyMatch(session -> session.contains(alert)));
        }
    }

    /** A user's session as the reference sees it: the sorted history split where two logins are over the gap apart. */
    record ReferenceSession(String userId, Instant start, Instant end, Set<String> successfulCountries) {

        static List<ReferenceSession> of(List<LoginEvent> history, Duration gap) {
            List<ReferenceSession> sessions = new ArrayList<>();
            Map<String, List<LoginEvent>> byUser = history.stream().sorted(Comparator.comparing(LoginEvent::getEventTime))
                    .collect(Collectors.groupingBy(LoginEvent::getUserId, LinkedHashMap::new, Collectors.toList()));
            byUser.forEach((user, logins) -> {
                List<LoginEvent> current = new ArrayList<>();
                for (LoginEvent login : logins) {
                    if (!current.isEmpty() && Duration.between(current.get(current.size() - 1).getEventTime(),
                            login.getEventTime()).compareTo(gap) > 0) {
                        sessions.add(of(user, current));
                        current = new ArrayList<>();
                    }
                    current.add(login);
                }
                sessions.add(of(user, current));
            });
            return sessions;
        }

        private static ReferenceSession of(String user, List<LoginEvent> logins) {
            return new ReferenceSession(user, logins.get(0).getEventTime(), logins.get(logins.size() - 1).getEventTime(),
                    logins.stream().filter(LoginEvent::getSuccess).map(LoginEvent::getCountry)
                            .collect(Collectors.toCollection(TreeSet::new)));
        }

        boolean contains(MultiCountryAlert alert) {
            return alert.getUserId().equals(userId) && !alert.getWindowStart().isBefore(start)
                    && !alert.getWindowEnd().isAfter(end);
        }
    }

    /**
     * Four users' logins over about an hour and a half: each up to 2 minutes after the user's previous one, or one
     * time in eight 6 to 8 minutes after it (a new session); a third of them fail.
     */
    private static List<LoginEvent> history(Random random) {
        List<LoginEvent> history = new ArrayList<>();
        for (int user = 0; user < 4; user++) {
            Instant time = NOW.minus(Duration.ofHours(2)).plusSeconds(random.nextInt(60));
            for (int i = 0; i < 25; i++) {
                time = time.plusSeconds(random.nextInt(8) == 0 ? 6 * 60 + random.nextInt(2 * 60) : random.nextInt(2 * 60));
                history.add(LoginEvent.newBuilder().setUserId("user-" + user)
                        .setCountry(COUNTRIES.get(random.nextInt(COUNTRIES.size())))
                        .setIpAddress("10.0.0.1").setSuccess(random.nextInt(3) > 0).setEventTime(time).build());
            }
        }
        return history;
    }

    /** The history in the order it arrives: each login up to a minute out of place, one in ten sent twice. */
    private static List<LoginEvent> arrivals(List<LoginEvent> history, Random random) {
        record Arrival(long at, LoginEvent login) {
        }
        List<Arrival> arrivals = new ArrayList<>();
        for (LoginEvent login : history) {
            int copies = random.nextInt(10) == 0 ? 2 : 1;
            for (int copy = 0; copy < copies; copy++) {
                arrivals.add(new Arrival(login.getEventTime().toEpochMilli() + random.nextInt(60_000), login));
            }
        }
        return arrivals.stream().sorted(Comparator.comparingLong(Arrival::at)).map(Arrival::login).toList();
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
