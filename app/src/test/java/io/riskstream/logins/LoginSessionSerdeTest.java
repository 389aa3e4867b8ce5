package io.riskstream.logins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.riskstream.platform.state.StateFixtures;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.LongRange;

class LoginSessionSerdeTest {

    private final LoginSessionSerde serde = new LoginSessionSerde();

    @Test
    void readsVersion1AsBuildsBeforeTheSharedFormatWroteIt() {
        assertThat(serde.decode(StateFixtures.frozen("login-session.v1.hex"))).isEqualTo(
                new LoginSession(new TreeSet<>(Set.of("BE", "NL", "ÜX")), new TreeSet<>(Set.of("NL")), 3));
        assertThat(serde.decode(StateFixtures.frozen("login-session-empty.v1.hex"))).isEqualTo(
                new LoginSession(new TreeSet<>(), new TreeSet<>(), 0));
    }

    @Test
    void writesVersion2() {
        assertThat(serde.encode(LoginSession.of("NL"))[0]).isEqualTo((byte) LoginSessionSerde.V2);
    }

    @Property(tries = 100)
    void anySessionRoundTrips(@ForAll Set<@CharRange(from = 'A', to = 'Z') @Chars({'Ü', 'é'}) String> countries,
                              @ForAll Set<@CharRange(from = 'A', to = 'Z') String> alerted,
                              @ForAll @LongRange(min = 0) long logins) {
        LoginSession session = new LoginSession(new TreeSet<>(countries), new TreeSet<>(alerted), logins);

        assertThat(serde.decode(serde.encode(session))).isEqualTo(session);
    }

    @Test
    void aVersionFromANewerBuildIsRefusedClearly() {
        StateFixtures.refusesTheNextVersion(serde, LoginSession.of("NL"));
    }
}
