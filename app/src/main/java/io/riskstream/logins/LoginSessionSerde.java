package io.riskstream.logins;

import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

import io.riskstream.platform.state.StateReader;
import io.riskstream.platform.state.StateSerde;
import io.riskstream.platform.state.StateWriter;

/**
 * The changelogged form of a {@link LoginSession}. Version 3: the logins, the countries of successful logins,
 * of failed logins, the alerted countries (each a count and the codes), then whether an alert was raised.
 * Versions 2 and 1, read only, held one set of countries for every login, successful or not: it is read as the
 * successful countries (it cannot be split any more), with no failed ones, alerted when a country was reported.
 * Version 2 is version 3's primitives without the failed countries and the flag; version 1 is the same in
 * {@code DataOutputStream}'s (fixed-width numbers, modified UTF-8), as builds before the shared format wrote it.
 */
final class LoginSessionSerde extends StateSerde<LoginSession> {

    static final int V1 = 1;
    static final int V2 = 2;
    static final int V3 = 3;

    LoginSessionSerde() {
        super("login session", V3, LoginSessionSerde::writeV3, Map.of(V1, LoginSessionSerde::readV1,
                V2, LoginSessionSerde::readV2, V3, LoginSessionSerde::readV3));
    }

    private static void writeV3(LoginSession session, StateWriter out) {
        out.writeVarLong(session.logins());
        writeSet(out, session.countries());
        writeSet(out, session.failedCountries());
        writeSet(out, session.alertedCountries());
        out.writeBoolean(session.alerted());
    }

    private static void writeSet(StateWriter out, SortedSet<String> set) {
        out.writeVarLong(set.size());
        for (String value : set) {
            out.writeString(value);
        }
    }

    private static LoginSession readV3(StateReader in) {
        long logins = in.readVarLong();
        SortedSet<String> countries = readV3Set(in);
        SortedSet<String> failed = readV3Set(in);
        SortedSet<String> alerted = readV3Set(in);
        return new LoginSession(countries, failed, alerted, in.readBoolean(), logins);
    }

    private static SortedSet<String> readV3Set(StateReader in) {
        return readSet(in, in.readSize(Integer.MAX_VALUE), StateReader::readString);
    }

    private static LoginSession readV2(StateReader in) {
        long logins = in.readVarLong();
        SortedSet<String> countries = readV3Set(in);
        return beforeFailedApart(countries, readV3Set(in), logins);
    }

    private static LoginSession readV1(StateReader in) {
        long logins = in.readFixedLong();
        SortedSet<String> countries = readSet(in, in.readFixedInt(), StateReader::readModifiedUtf8);
        return beforeFailedApart(countries, readSet(in, in.readFixedInt(), StateReader::readModifiedUtf8), logins);
    }

    private static LoginSession beforeFailedApart(SortedSet<String> countries, SortedSet<String> alerted,
                                                  long logins) {
        return new LoginSession(countries, new TreeSet<>(), alerted, !alerted.isEmpty(), logins);
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
