package io.riskstream.logins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.riskstream.platform.state.StateFixtures;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.LongRange;

class LoginSessionSerdeTest {

    private final LoginSessionSerde serde = new LoginSessionSerde();

    /**
     * Version 1 (before the shared state format) and 2 kept one set of countries for every login: they are read
     * as the successful countries, none failed, alerted when a country was reported.
     */
    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void readsTheVersionsBuildsBeforeFailedLoginsWereKeptApartWrote(String version) {
        assertThat(serde.decode(StateFixtures.frozen("login-session." + version + ".hex"))).isEqualTo(
                new LoginSession(set("BE", "NL", "ÜX"), set(), set("NL"), true, 3));
        assertThat(serde.decode(StateFixtures.frozen("login-session-empty." + version + ".hex"))).isEqualTo(
                new LoginSession(set(), set(), set(), false, 0));
    }

    @Test
    void writesVersion3() {
        assertThat(serde.encode(LoginSession.of("NL", true))[0]).isEqualTo((byte) LoginSessionSerde.V3);
    }

    @Property(tries = 100)
    void anySessionRoundTrips(@ForAll Set<@CharRange(from = 'A', to = 'Z') @Chars({'Ü', 'é'}) String> countries,
                              @ForAll Set<@CharRange(from = 'A', to = 'Z') String> failed,
                              @ForAll Set<@CharRange(from = 'A', to = 'Z') String> alerted,
                              @ForAll boolean wasAlerted, @ForAll @LongRange(min = 0) long logins) {
        LoginSession session = new LoginSession(new TreeSet<>(countries), new TreeSet<>(failed),
                new TreeSet<>(alerted), wasAlerted, logins);

        assertThat(serde.decode(serde.encode(session))).isEqualTo(session);
    }

    @Test
    void aVersionFromANewerBuildIsRefusedClearly() {
        StateFixtures.refusesTheNextVersion(serde, LoginSession.of("NL", false));
    }

    private static TreeSet<String> set(String... countries) {
        return new TreeSet<>(Set.of(countries));
    }
}
