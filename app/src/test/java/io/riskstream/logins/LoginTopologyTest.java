package io.riskstream.logins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.riskstream.events.LoginEvent;
import io.riskstream.events.MultiCountryAlert;
import io.riskstream.platform.DecodingSerde;
import io.riskstream.platform.InputLimits;
import io.riskstream.platform.TestAvroSerde;
import io.riskstream.platform.Topics;
import io.riskstream.platform.TopologyTests;
import io.riskstream.rules.engine.EvaluationLimits;
import io.riskstream.rules.engine.RuleEvaluator;
import io.riskstream.rules.engine.RuleSetCompiler;
import io.riskstream.rules.engine.TestDrl;
import io.riskstream.rules.lifecycle.ActiveRuleSets;
import io.riskstream.rules.lifecycle.RepositoryRules;

class LoginTopologyTest {

    static final Serde<LoginEvent> LOGINS = TestAvroSerde.of(LoginEvent.class);
    static final Serde<MultiCountryAlert> ALERTS = TestAvroSerde.of(MultiCountryAlert.class);
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    static final InputLimits LIMITS = TopologyTests.lenientLimits(CLOCK);
    static final LoginSettings SETTINGS = new LoginSettings(Duration.ofMinutes(5), Duration.ofMinutes(1));
    static final long VERSION = 7;
    static final String RULES_HEADER = "package test.logins;\nimport io.riskstream.logins.LoginSessionFacts;\n";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, LoginEvent> logins;
    private TestOutputTopic<String, MultiCountryAlert> alerts;
    private TestOutputTopic<String, MultiCountryAlert> lateAlerts;
    private TestOutputTopic<String, LoginEvent> lateLogins;

    /** The repository's own {@code logins} ruleset decides, as in production. */
    @BeforeEach
    void start() {
        start(RepositoryRules.active(RulesAlertPolicy.ruleSet(), VERSION, Clock.systemUTC()));
    }

    private void start(ActiveRuleSets rules) {
        if (driver != null) {
            driver.close();
        }
        AlertPolicy policy = new RulesAlertPolicy(rules, meters);
        StreamsBuilder builder = new StreamsBuilder();
        LoginTopology.build(builder.stream(Topics.LOGINS.name(),
                                Consumed.with(Serdes.String(), new DecodingSerde<>(LOGINS, LoginEvent.class))),
                        SETTINGS, policy, ALERTS, LOGINS, LIMITS, CLOCK, meters)
                .to(Topics.LOGIN_ALERTS.name(), Produced.with(Serdes.String(), ALERTS));
        driver = TopologyTests.driver(builder.build(), LIMITS);
        logins = driver.createInputTopic(Topics.LOGINS.name(), Serdes.String().serializer(), LOGINS.serializer());
        alerts = driver.createOutputTopic(Topics.LOGIN_ALERTS.name(), Serdes.String().deserializer(),
                ALERTS.deserializer());
        lateAlerts = driver.createOutputTopic(Topics.LOGIN_ALERTS_LATE.name(), Serdes.String().deserializer(),
                ALERTS.deserializer());
        lateLogins = driver.createOutputTopic(Topics.LATE_LOGINS.name(), Serdes.String().deserializer(),
                LOGINS.deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void fourCountriesInOneSessionAlertOnce() {
        login("ana", "DE", 0);
        login("ana", "FR", 1);
        login("ana", "IT", 2);
        login("ana", "ES", 3);
        login("ana", "ES", 4);

        List<MultiCountryAlert> raised = alerts.readValuesToList();
        assertThat(raised).hasSize(1);
        MultiCountryAlert alert = raised.get(0);
        assertThat(alert.getCountries()).containsExactly("DE", "ES", "FR", "IT");
        assertThat(alert.getUserId()).isEqualTo("ana");
        assertThat(alert.getLate()).isFalse();
        assertThat(alert.getUpdate()).isFalse();
        assertThat(alert.getRuleId()).isEqualTo("multi-country-session");
        assertThat(alert.getRulesetVersion()).isEqualTo(VERSION);
        assertThat(alert.getWindowStart()).isEqualTo(T0);
        assertThat(alert.getWindowEnd()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
    }

    @Test
    void threeCountriesDoNotAlert() {
        login("ben", "DE", 0);
        login("ben", "FR", 1);
        login("ben", "IT", 2);
        login("ben", "IT", 3);

        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void sessionsFurtherApartThanTheGapDoNotAddUp() {
        login("cat", "DE", 0);
        login("cat", "FR", 1);
        login("cat", "IT", 7);
        login("cat", "ES", 8);

        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void bridgingLoginMergesTwoSessionsAndAlerts() {
        login("dan", "DE", 0);
        login("dan", "FR", 1);
        login("dan", "IT", 7);
        login("dan", "ES", 8);
        login("dan", "PT", 4);

        MultiCountryAlert alert = alerts.readValue();
        assertThat(alert.getCountries()).containsExactly("DE", "ES", "FR", "IT", "PT");
        assertThat(alert.getWindowStart()).isEqualTo(T0);
        assertThat(alert.getWindowEnd()).isEqualTo(T0.plus(Duration.ofMinutes(8)));
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void growingSessionUpdatesItsAlertOncePerNewCountry() {
        login("eve", "DE", 0);
        login("eve", "FR", 1);
        login("eve", "IT", 2);
        login("eve", "ES", 3);
        login("eve", "PT", 4);
        login("eve", "PT", 5);
        login("eve", "DE", 6);

        List<MultiCountryAlert> raised = alerts.readValuesToList();
        assertThat(raised).extracting(MultiCountryAlert::getUpdate).containsExactly(false, true);
        assertThat(raised.get(1).getCountries()).containsExactly("DE", "ES", "FR", "IT", "PT");
    }

    @Test
    void lateLoginWithinTheLatenessRaisesALateAlert() {
        login("fay", "DE", 0);
        login("fay", "FR", 1);
        login("fay", "IT", 2);
        // Stream time 7:30: fay's session (ended 2:00) would have closed at 7:00, lateness runs to 8:00.
        loginAt("other", "DE", Duration.ofMinutes(7).plusSeconds(30));
        login("fay", "ES", 2);

        assertThat(alerts.isEmpty()).isTrue();
        MultiCountryAlert late = lateAlerts.readValue();
        assertThat(late.getLate()).isTrue();
        assertThat(late.getCountries()).containsExactly("DE", "ES", "FR", "IT");
        assertThat(meters.counter(LoginSessionProcessor.LATE_METRIC, "kind", "within-lateness").count()).isEqualTo(1);
    }

    @Test
    void loginPastTheLatenessGoesToLateLoginsWithTheReason() {
        login("gus", "DE", 0);
        login("gus", "FR", 1);
        login("gus", "IT", 2);
        login("other", "DE", 9);
        login("gus", "ES", 2);

        assertThat(alerts.isEmpty()).isTrue();
        assertThat(lateAlerts.isEmpty()).isTrue();
        TestRecord<String, LoginEvent> late = lateLogins.readRecord();
        assertThat(late.key()).isEqualTo("gus");
        assertThat(late.value().getCountry()).isEqualTo("ES");
        assertThat(new String(late.headers().lastHeader(LoginSessionProcessor.LATE_REASON_HEADER).value(),
                StandardCharsets.UTF_8)).contains("allowed lateness");
        assertThat(meters.counter(LoginSessionProcessor.LATE_METRIC, "kind", "past-lateness").count()).isEqualTo(1);
    }

    @Test
    void outOfOrderLoginsGiveTheSameAlertAsSortedOnes() {
        login("hal", "ES", 3);
        login("hal", "DE", 0);
        login("hal", "IT", 2);
        login("hal", "FR", 1);

        List<MultiCountryAlert> raised = alerts.readValuesToList();
        assertThat(raised).hasSize(1);
        assertThat(raised.get(0).getCountries()).containsExactly("DE", "ES", "FR", "IT");
        assertThat(raised.get(0).getWindowStart()).isEqualTo(T0);
        assertThat(raised.get(0).getWindowEnd()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
    }

    @Test
    void loginWithACountryThatIsNotIsoGoesToTheDeadLetterTopic() {
        login("ivy", "Germany", 0);

        var dead = driver.createOutputTopic(Topics.LOGINS.deadLetterTopic(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        assertThat(new String(dead.readRecord().headers().lastHeader("riskstream.dlq.reason").value(),
                StandardCharsets.UTF_8)).contains("ISO-3166");
    }

    @Test
    void loginWithoutAUserGoesToTheDeadLetterTopic() {
        logins.pipeInput("", LoginEvent.newBuilder().setUserId("").setCountry("DE").setSuccess(true)
                .setEventTime(T0).build(), T0);

        var dead = driver.createOutputTopic(Topics.LOGINS.deadLetterTopic(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        assertThat(new String(dead.readRecord().headers().lastHeader("riskstream.dlq.reason").value(),
                StandardCharsets.UTF_8)).isEqualTo("userId is empty");
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void failedLoginsDoNotCountTowardTheCountries() {
        login("joe", "DE", 0);
        login("joe", "FR", 1);
        login("joe", "IT", 2);
        failedLogin("joe", "ES", 3);
        failedLogin("joe", "PT", 3);

        assertThat(alerts.isEmpty()).isTrue();
        login("joe", "ES", 4);
        assertThat(alerts.readValue().getCountries()).containsExactly("DE", "ES", "FR", "IT");
    }

    @Test
    void failedLoginsFromNewCountriesDoNotRepeatAnAlert() {
        login("kim", "DE", 0);
        login("kim", "FR", 1);
        login("kim", "IT", 2);
        login("kim", "ES", 3);
        failedLogin("kim", "BR", 4);
        failedLogin("kim", "US", 5);

        assertThat(alerts.readValuesToList()).hasSize(1);
    }

    @Test
    void failedLoginBridgesTwoSessionsWithoutCountingItsCountry() {
        login("lou", "DE", 0);
        login("lou", "FR", 1);
        login("lou", "IT", 7);
        login("lou", "ES", 8);
        failedLogin("lou", "PT", 4);

        MultiCountryAlert alert = alerts.readValue();
        assertThat(alert.getCountries()).containsExactly("DE", "ES", "FR", "IT");
        assertThat(alert.getWindowEnd()).isEqualTo(T0.plus(Duration.ofMinutes(8)));
    }

    @Test
    void aRuleAboutFailedLoginsSeesThemAndAlertsOnce() {
        start(rules(RULES_HEADER + TestDrl.rules("stuffing", "LoginSessionFacts(distinctFailedCountries > 2)")));
        login("max", "DE", 0);
        failedLogin("max", "BR", 1);
        failedLogin("max", "US", 1);
        failedLogin("max", "CN", 2);
        failedLogin("max", "RU", 3);

        MultiCountryAlert alert = alerts.readValue();
        assertThat(alert.getRuleId()).isEqualTo("stuffing");
        assertThat(alert.getCountries()).containsExactly("DE");
        assertThat(alerts.isEmpty()).isTrue();
    }

    /** The old engine counted the failing rule, and any that fired before it, as fired: a real-looking alert. */
    @Test
    void ruleThatThrowsRaisesNoAlertOnlyTheErrorMetricAndALogLine() {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger logger = (Logger) LoggerFactory.getLogger(RulesAlertPolicy.class);
        logger.addAppender(logged);
        try {
            start(rules(RULES_HEADER
                    + "rule \"fires-first\" salience 10 when LoginSessionFacts(distinctCountries > 1) then end\n"
                    + "rule \"boom\" when LoginSessionFacts(distinctCountries > 1) then "
                    + "throw new IllegalStateException(\"kaput\"); end\n"));
            login("ned", "DE", 0);
            login("ned", "FR", 1);
            login("ned", "IT", 2);
        } finally {
            logger.detachAppender(logged);
        }

        assertThat(alerts.isEmpty()).isTrue();
        assertThat(meters.counter(RulesAlertPolicy.RULE_ERRORS_METRIC, "rule", "boom").count()).isEqualTo(2);
        assertThat(logged.list).hasSize(2).allSatisfy(line -> assertThat(line.getFormattedMessage())
                .contains("v" + VERSION, "'boom'", "'ned'", "kaput", "no alert"));
    }

    @Test
    void ruleCutOffByTheFireLimitRaisesNoAlert() {
        start(rules(RULES_HEADER + "rule \"runaway\" when $s : LoginSessionFacts() then "
                + "update($s); end\n"));
        login("oli", "DE", 0);

        assertThat(alerts.isEmpty()).isTrue();
        assertThat(meters.counter(RulesAlertPolicy.RULE_ERRORS_METRIC, "rule", RuleEvaluator.FIRE_LIMIT).count())
                .isEqualTo(1);
    }

    /** A {@code logins} ruleset of these rules, active as {@link #VERSION}, its test cases not run. */
    private static ActiveRuleSets rules(String drl) {
        ActiveRuleSets rules = new ActiveRuleSets(new RuleEvaluator(EvaluationLimits.DEFAULTS), Clock.systemUTC());
        rules.activate(new RuleSetCompiler().compile(RulesAlertPolicy.RULESET, VERSION, Map.of("test.drl", drl)));
        return rules;
    }

    private void login(String user, String country, int minute) {
        loginAt(user, country, Duration.ofMinutes(minute), true);
    }

    private void failedLogin(String user, String country, int minute) {
        loginAt(user, country, Duration.ofMinutes(minute), false);
    }

    private void loginAt(String user, String country, Duration sinceT0) {
        loginAt(user, country, sinceT0, true);
    }

    private void loginAt(String user, String country, Duration sinceT0, boolean success) {
        Instant time = T0.plus(sinceT0);
        logins.pipeInput(user, LoginEvent.newBuilder().setUserId(user).setCountry(country).setSuccess(success)
                .setEventTime(time).build(), time);
    }
}
