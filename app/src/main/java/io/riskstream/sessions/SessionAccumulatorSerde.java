package io.riskstream.sessions;

import java.util.Map;

import io.riskstream.platform.state.StateReader;
import io.riskstream.platform.state.StateSerde;
import io.riskstream.platform.state.StateWriter;

/**
 * The changelogged form of a {@link SessionAccumulator}. Version 2: its fields in order, numbers as varints.
 * Version 1, read only, is the same in {@code DataOutputStream}'s fixed-width primitives, as builds before the
 * shared state format wrote it.
 */
final class SessionAccumulatorSerde extends StateSerde<SessionAccumulator> {

    static final int V1 = 1;
    static final int V2 = 2;

    SessionAccumulatorSerde() {
        super("shopping session", V2, SessionAccumulatorSerde::writeV2,
                Map.of(V1, SessionAccumulatorSerde::readV1, V2, SessionAccumulatorSerde::readV2));
    }

    private static void writeV2(SessionAccumulator session, StateWriter out) {
        out.writeVarLong(session.start());
        out.writeVarLong(session.end());
        out.writeVarLong(session.events());
        out.writeVarLong(session.pageViews());
        out.writeVarLong(session.addedMinor());
        out.writeVarLong(session.removedMinor());
        out.writeBoolean(session.checkedOut());
    }

    private static SessionAccumulator readV2(StateReader in) {
        return new SessionAccumulator(in.readVarLong(), in.readVarLong(), in.readVarLong(), in.readVarLong(),
                in.readVarLong(), in.readVarLong(), in.readBoolean());
    }

    private static SessionAccumulator readV1(StateReader in) {
        return new SessionAccumulator(in.readFixedLong(), in.readFixedLong(), in.readFixedLong(), in.readFixedLong(),
                in.readFixedLong(), in.readFixedLong(), in.readLooseBoolean());
    }
}
