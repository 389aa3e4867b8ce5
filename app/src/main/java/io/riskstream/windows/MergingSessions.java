package io.riskstream.windows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.BinaryOperator;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.SessionStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Session windows kept by hand in a {@link SessionStore}, for processors that need what the DSL's session windows
 * do not offer (an output at any moment of a session, closing on a wall clock, routing what is too late). Per key,
 * events at most {@code gap} apart are one session, whatever order they arrive in: an event joins every session
 * it is at most the gap away from, merging the ones it bridges.
 *
 * <p>A merge is computed first and written separately, so that a processor can look at the merged session (is it
 * too late? does it raise an alert?) before it decides to keep it.
 *
 * @param <K> the key
 * @param <V> what a session accumulates; {@code merge} combines two sessions' values
 */
public final class MergingSessions<K, V> {

    private final SessionStore<K, V> store;
    private final long gapMs;
    private final BinaryOperator<V> merge;

    public MergingSessions(SessionStore<K, V> store, Duration gap, BinaryOperator<V> merge) {
        this.store = store;
        this.gapMs = gap.toMillis();
        this.merge = merge;
    }

    /** A persistent session store named {@code name}, keeping sessions {@code retention} behind stream time. */
    public static <K, V> StoreBuilder<SessionStore<K, V>> storeBuilder(String name, Duration retention, Serde<K> keys,
                                                                    Serde<V> values) {
        return Stores.sessionStoreBuilder(Stores.persistentSessionStore(name, retention), keys, values);
    }

    /**
     * The session an event of {@code key} at {@code time} carrying {@code value} makes: itself, merged with every
     * session of the key it is at most the gap away from. Nothing is written.
     */
    public Merge<K, V> merge(K key, long time, V value) {
        List<Session<K, V>> bridged = new ArrayList<>();
        V merged = value;
        long start = time;
        long end = time;
        try (KeyValueIterator<Windowed<K>, V> it = store.findSessions(key, time - gapMs, time + gapMs)) {
            while (it.hasNext()) {
                Session<K, V> session = session(it.next());
                bridged.add(session);
                merged = merge.apply(merged, session.value());
                start = Math.min(start, session.start());
                end = Math.max(end, session.end());
            }
        }
        return new Merge<>(new Session<>(key, start, end, merged), List.copyOf(bridged));
    }

    /** Keeps a merge: the sessions it bridged are gone, the merged session is stored. */
    public void put(Merge<K, V> merge) {
        merge.bridged().forEach(session -> store.remove(windowed(session)));
        store.put(windowed(merge.merged()), merge.merged().value());
    }

    /** Removes every session, of every key, that ended before {@code end}, and returns them in the store's order. */
    public List<Session<K, V>> removeEndedBefore(long end) {
        List<Session<K, V>> ended = endedBefore(end);
        ended.forEach(this::remove);
        return ended;
    }

    /** Every session, of every key, that ended before {@code end}, in the store's order; nothing is removed. */
    public List<Session<K, V>> endedBefore(long end) {
        List<Session<K, V>> ended = new ArrayList<>();
        if (end <= 0) {
            return ended;
        }
        try (KeyValueIterator<Windowed<K>, V> it = store.findSessions(null, null, 0, end)) {
            while (it.hasNext()) {
                Session<K, V> session = session(it.next());
                if (session.end() < end) {
                    ended.add(session);
                }
            }
        }
        return ended;
    }

    /** The stored session of {@code key} from {@code start} to {@code end}, if the store still has it. */
    public Optional<Session<K, V>> find(K key, long start, long end) {
        V value = store.fetchSession(key, start, end);
        return value == null ? Optional.empty() : Optional.of(new Session<>(key, start, end, value));
    }

    /** Every stored session, of every key, in the store's order: one read of the whole store. */
    public void forEach(Consumer<Session<K, V>> action) {
        try (KeyValueIterator<Windowed<K>, V> it = store.findSessions(null, null, 0, Long.MAX_VALUE)) {
            while (it.hasNext()) {
                action.accept(session(it.next()));
            }
        }
    }

    /** Keeps {@code value} for a stored session, its span unchanged. */
    public void replace(Session<K, V> session, V value) {
        store.put(windowed(session), value);
    }

    /** Removes a stored session. */
    public void remove(Session<K, V> session) {
        store.remove(windowed(session));
    }

    private Session<K, V> session(KeyValue<Windowed<K>, V> entry) {
        return new Session<>(entry.key.key(), entry.key.window().start(), entry.key.window().end(), entry.value);
    }

    private Windowed<K> windowed(Session<K, V> session) {
        return new Windowed<>(session.key(), new SessionSpan(session.start(), session.end()));
    }

    /**
     * What one event makes of its key's sessions, not yet written.
     *
     * @param merged the event's session, with every session it bridged
     * @param bridged the stored sessions that {@code merged} replaces
     */
    public record Merge<K, V>(Session<K, V> merged, List<Session<K, V>> bridged) {

        /** The same merge, keeping {@code value} for the merged session. */
        public Merge<K, V> withValue(V value) {
            return new Merge<>(merged.withValue(value), bridged);
        }
    }
}
