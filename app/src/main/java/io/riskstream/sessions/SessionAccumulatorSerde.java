package io.riskstream.sessions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.riskstream.platform.state.StateReader;
import io.riskstream.platform.state.StateSerde;
import io.riskstream.platform.state.StateWriter;

/**
 * The changelogged form of a {@link SessionAccumulator}. Version 3: version 2, then the currency, the revision, the
 * starts of its published summaries and whether it is summarized. Version 2, read only: its counts in order, numbers
 * as varints (an open session, currency unknown). Version 1, read only, is version 2 in {@code DataOutputStream}'s
 * fixed-width primitives, as builds before the shared state format wrote it.
 */
final class SessionAccumulatorSerde extends StateSerde<SessionAccumulator> {

    static final int V1 = 1;
    static final int V2 = 2;
    static final int V3 = 3;
    /** More than the events of a session's lateness could ever bridge: a bound against a corrupt size. */
    static final int MAX_SUMMARIZED_STARTS = 4096;

    SessionAccumulatorSerde() {
        super("shopping session", V3, SessionAccumulatorSerde::writeV3,
                Map.of(V1, SessionAccumulatorSerde::readV1, V2, SessionAccumulatorSerde::readV2,
                        V3, SessionAccumulatorSerde::readV3));
    }

    private static void writeV3(SessionAccumulator session, StateWriter out) {
        out.writeVarLong(session.start());
        out.writeVarLong(session.end());
        out.writeVarLong(session.events());
        out.writeVarLong(session.pageViews());
        out.writeVarLong(session.addedMinor());
        out.writeVarLong(session.removedMinor());
        out.writeBoolean(session.checkedOut());
        out.writeString(session.currency());
        out.writeVarLong(session.revision());
        out.writeVarLong(session.summarizedStarts().size());
        session.summarizedStarts().forEach(out::writeVarLong);
        out.writeBoolean(session.summarized());
    }

    private static SessionAccumulator readV3(StateReader in) {
        SessionAccumulator counts = readV2(in);
        String currency = in.readString();
        long revision = in.readVarLong();
        if (revision < 0 || revision > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bad revision " + revision);
        }
        int size = in.readSize(MAX_SUMMARIZED_STARTS);
        List<Long> starts = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            starts.add(in.readVarLong());
        }
        return new SessionAccumulator(counts.start(), counts.end(), counts.events(), counts.pageViews(),
                counts.addedMinor(), counts.removedMinor(), counts.checkedOut(), currency, (int) revision, starts,
                in.readBoolean());
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
