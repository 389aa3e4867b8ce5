package io.riskstream.sessions;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import io.riskstream.events.SiteEvent;
import io.riskstream.platform.state.StateReader;
import io.riskstream.platform.state.StateSerde;

/**
 * The {@code eventId}s of a user's site events of the last {@link SessionSettings#retention()}, by event time: a
 * producer's retry sends an event again, and it must count once. Older events need no id: an event that old is too
 * late ({@code late-site-events}) before it could be a duplicate.
 *
 * <p>Why a window store of its own rather than the ids in each session: a session's value is rewritten on every one
 * of its events, so ids kept there would make each write as long as the session; here each event writes one small
 * entry, and the store drops whole segments once they are older than the lateness.
 */
final class SeenEvents {

    static final String STORE = "shopping-session-event-ids";

    private final WindowStore<String, Long> store;

    SeenEvents(WindowStore<String, Long> store) {
        this.store = store;
    }

    static StoreBuilder<WindowStore<String, Long>> storeBuilder(SessionSettings settings) {
        Duration retention = settings.retention();
        // Windows of one millisecond: an entry is one event, at its event time.
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(STORE, retention, Duration.ofMillis(1), false),
                Serdes.String(), new SeenEventSerde());
    }

    /** Records the event; whether its user's event of the same id was recorded before. */
    boolean seenBefore(SiteEvent event) {
        String key = key(event);
        try (WindowStoreIterator<Long> seen = store.fetch(key, 0, Long.MAX_VALUE)) {
            if (seen.hasNext()) {
                return true;
            }
        }
        long time = event.getEventTime().toEpochMilli();
        store.put(key, time, time);
        return false;
    }

    /** The user's id, its length first so that no two (user, event) pairs make the same key. */
    private static String key(SiteEvent event) {
        return event.getUserId().length() + ":" + event.getUserId() + event.getEventId();
    }

    /** The store's value: the event time, which the window also says; version 1, one varint. */
    static final class SeenEventSerde extends StateSerde<Long> {

        static final int V1 = 1;

        SeenEventSerde() {
            super("seen site event", V1, (time, out) -> out.writeVarLong(time), Map.of(V1, StateReader::readVarLong));
        }
    }
}
