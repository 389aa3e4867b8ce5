package io.riskstream.logins;

import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

import io.riskstream.platform.state.StateReader;
import io.riskstream.platform.state.StateSerde;
import io.riskstream.platform.state.StateWriter;

/**
 * The changelogged form of a {@link LoginSession}. Version 2: the logins, then the countries and the alerted
 * countries, each a count and the codes. Version 1, read only, is the same in {@code DataOutputStream}'s
 * primitives (fixed-width numbers, modified UTF-8), as builds before the shared state format wrote it.
 */
final class LoginSessionSerde extends StateSerde<LoginSession> {

    static final int V1 = 1;
    static final int V2 = 2;

    LoginSessionSerde() {
        super("login session", V2, LoginSessionSerde::writeV2,
                Map.of(V1, LoginSessionSerde::readV1, V2, LoginSessionSerde::readV2));
    }

    private static void writeV2(LoginSession session, StateWriter out) {
        out.writeVarLong(session.logins());
        writeSet(out, session.countries());
        writeSet(out, session.alertedCountries());
    }

    private static void writeSet(StateWriter out, SortedSet<String> set) {
        out.writeVarLong(set.size());
        for (String value : set) {
            out.writeString(value);
        }
    }

    private static LoginSession readV2(StateReader in) {
        long logins = in.readVarLong();
        return new LoginSession(readSet(in, in.readSize(Integer.MAX_VALUE), StateReader::readString),
                readSet(in, in.readSize(Integer.MAX_VALUE), StateReader::readString), logins);
    }

    private static LoginSession readV1(StateReader in) {
        long logins = in.readFixedLong();
        return new LoginSession(readSet(in, in.readFixedInt(), StateReader::readModifiedUtf8),
                readSet(in, in.readFixedInt(), StateReader::readModifiedUtf8), logins);
    }

    private static SortedSet<String> readSet(StateReader in, int size, Function<StateReader, String> value) {
        if (size < 0) {
            throw new IllegalArgumentException("bad size " + size);
        }
        SortedSet<String> set = new TreeSet<>();
        for (int i = 0; i < size; i++) {
            set.add(value.apply(in));
        }
        return set;
    }
}
