package io.riskstream.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.riskstream.events.LoginEvent;

class LoginGeneratorTest {

    private static final Duration TICK = Duration.ofMillis(200);
    /** Five logins a second, the default rate. */
    private static final int PER_TICK = 1;
    /** The inactivity gap of a login session. */
    private static final Duration SESSION_GAP = Duration.ofMinutes(5);

    private static ManualClock clock;
    private static List<Keyed<LoginEvent>> halfAnHour;

    @BeforeAll
    static void runHalfAnHour() {
        clock = new ManualClock("2026-11-25T12:00:00Z");
        halfAnHour = clock.run(new LoginGenerator(clock, new SplittableRandom(42)), PER_TICK, TICK,
                Duration.ofMinutes(30));
    }

    @Test
    void hoppersLogInFromMoreThanThreeCountriesWithinMinutes() {
        List<List<LoginEvent>> episodes = hoppingEpisodes();

        assertThat(episodes).hasSizeGreaterThan(50).allSatisfy(episode -> {
            assertThat(episode.stream().map(LoginEvent::getCountry).distinct().count())
                    .isBetween((long) LoginGenerator.MIN_HOPS, (long) LoginGenerator.MAX_HOPS);
            assertThat(Duration.between(first(episode), last(episode))).isLessThan(SESSION_GAP);
        });
    }

    @Test
    void aboutTwoPercentOfUsersHopAtAnyTime() {
        List<List<LoginEvent>> episodes = hoppingEpisodes();

        for (int minute = 5; minute < 25; minute += 5) {
            Instant at = Instant.parse("2026-11-25T12:00:00Z").plus(Duration.ofMinutes(minute));
            long hopping = episodes.stream().filter(e -> !first(e).isAfter(at) && !last(e).isBefore(at)).count();
            assertThat(hopping).as("users hopping at %s", at).isBetween(6L, 12L);
        }
    }

    @Test
    void usersLogInFromHomeOtherwiseAndMostlySucceed() {
        List<LoginEvent> everyday = halfAnHour.stream().filter(Keyed::isNormal).map(Keyed::value).toList();

        Map<String, List<String>> countriesByUser = everyday.stream().collect(Collectors.groupingBy(
                LoginEvent::getUserId, Collectors.mapping(LoginEvent::getCountry, Collectors.toList())));
        assertThat(countriesByUser.values())
                .allSatisfy(countries -> assertThat(countries).containsOnly(countries.get(0)));
        assertThat(everyday.stream().filter(LoginEvent::getSuccess).count() / (double) everyday.size())
                .isBetween(0.93, 0.97);
        assertThat(everyday).extracting(LoginEvent::getIpAddress)
                .allSatisfy(ip -> assertThat(ip).matches("\\d+\\.\\d+\\.\\d+\\.\\d+"));
    }

    /** Each user's hopping logins, one list per episode, for the episodes complete by the end of the run. */
    private static List<List<LoginEvent>> hoppingEpisodes() {
        Map<String, List<LoginEvent>> open = new LinkedHashMap<>();
        List<List<LoginEvent>> episodes = new ArrayList<>();
        for (Keyed<LoginEvent> login : halfAnHour) {
            if (!login.pattern().equals(LoginGenerator.COUNTRY_HOPPING)) {
                continue;
            }
            List<LoginEvent> current = open.get(login.key());
            Instant time = login.value().getEventTime();
            if (current == null || Duration.between(last(current), time).compareTo(SESSION_GAP) > 0) {
                current = new ArrayList<>();
                open.put(login.key(), current);
                episodes.add(current);
            }
            current.add(login.value());
        }
        Instant complete = clock.instant().minus(SESSION_GAP);
        return episodes.stream().filter(episode -> first(episode).isBefore(complete)).toList();
    }

    private static Instant first(List<LoginEvent> logins) {
        return logins.stream().map(LoginEvent::getEventTime).min(Instant::compareTo).orElseThrow();
    }

    private static Instant last(List<LoginEvent> logins) {
        return logins.stream().map(LoginEvent::getEventTime).max(Instant::compareTo).orElseThrow();
    }
}
