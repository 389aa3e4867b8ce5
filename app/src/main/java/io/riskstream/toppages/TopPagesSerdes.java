package io.riskstream.toppages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.Serde;

import io.riskstream.platform.state.StateReader;
import io.riskstream.platform.state.StateSerde;
import io.riskstream.platform.state.StateWriter;

/**
 * The internal form of the top-pages stream's repartition topic, a {@link ClosedWindow}. Internal topics carry no
 * registry schema, so they need no registry artifact. Version 1: partition, window start and end as varints, the
 * watermark flag, then the pages (name, views). The stores hold plain strings and longs.
 */
final class TopPagesSerdes {

    static final int V1 = 1;
    /** At most this many pages in one message, so that a window with very many pages still fits in records. */
    static final int PAGES_PER_MESSAGE = 1000;

    private TopPagesSerdes() {
    }

    static Serde<ClosedWindow> closedWindow() {
        return new StateSerde<>("closed window", V1, TopPagesSerdes::writeV1, Map.of(V1, TopPagesSerdes::readV1));
    }

    private static void writeV1(ClosedWindow window, StateWriter out) {
        out.writeVarLong(window.partition());
        out.writeVarLong(window.windowStart());
        out.writeVarLong(window.windowEnd());
        out.writeBoolean(window.closedThrough());
        out.writeVarLong(window.pages().size());
        for (ClosedWindow.PageViews page : window.pages()) {
            out.writeString(page.page());
            out.writeVarLong(page.views());
        }
    }

    private static ClosedWindow readV1(StateReader in) {
        int partition = (int) in.readVarLong();
        long start = in.readVarLong();
        long end = in.readVarLong();
        boolean closedThrough = in.readBoolean();
        int size = in.readSize(PAGES_PER_MESSAGE);
        List<ClosedWindow.PageViews> pages = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            pages.add(new ClosedWindow.PageViews(in.readString(), in.readVarLong()));
        }
        return new ClosedWindow(partition, start, end, closedThrough, pages);
    }
}
