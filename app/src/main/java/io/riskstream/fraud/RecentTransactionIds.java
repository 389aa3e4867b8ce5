package io.riskstream.fraud;

import java.util.ArrayList;
import java.util.List;

/**
 * The ids of the transactions a card took within the duplicate horizon, newest event time first, at most a bounded
 * number of them, kept in the card's own state so that the duplicate check of a transaction and its card's state are
 * one store read and one write. Ids pushed out by newer ones while still within the horizon go to the
 * {@code seen-transactions} store (the caller writes them there); {@code spilledUpTo} is the newest event time among
 * those, so that a card that never pushed an id out is checked in its own state alone. Immutable.
 *
 * @param ids         newest event time first
 * @param spilledUpTo the newest event time of an id this card left in {@code seen-transactions}, {@link #NONE} if none
 */
record RecentTransactionIds(List<Taken> ids, long spilledUpTo) {

    /** No id of this card is in {@code seen-transactions}. */
    static final long NONE = Long.MIN_VALUE;
    static final RecentTransactionIds EMPTY = new RecentTransactionIds(List.of(), NONE);

    /** A transaction taken, and its event time. */
    record Taken(String id, long atMillis) {
    }

    /** This card's ids after one more, and the ids that one pushed out while still within the horizon. */
    record Next(RecentTransactionIds ids, List<Taken> spilled) {
    }

    RecentTransactionIds {
        ids = List.copyOf(ids);
    }

    /** Whether {@code id} was taken at an event time within {@code horizonMillis} of {@code atMillis}. */
    boolean contains(String id, long atMillis, long horizonMillis) {
        for (Taken taken : ids) {
            if (taken.id().equals(id) && Math.abs(taken.atMillis() - atMillis) <= horizonMillis) {
                return true;
            }
        }
        return false;
    }

    /** Whether an id this card pushed out could still match a transaction at {@code atMillis}. */
    boolean mayHaveSpilled(long atMillis, long horizonMillis) {
        return spilledUpTo != NONE && spilledUpTo >= atMillis - horizonMillis;
    }

    /**
     * With {@code id} taken at {@code atMillis}: the ids older than the horizon as of the card's newest event time are
     * forgotten (the new one too, if it is that late), and beyond {@code max} the oldest are pushed out.
     */
    Next plus(String id, long atMillis, long horizonMillis, int max) {
        long newest = ids.isEmpty() ? atMillis : Math.max(atMillis, ids.get(0).atMillis());
        long oldest = newest - horizonMillis;
        List<Taken> next = new ArrayList<>(ids.size() + 1);
        boolean placed = atMillis < oldest;
        for (Taken taken : ids) {
            if (!placed && atMillis >= taken.atMillis()) {
                next.add(new Taken(id, atMillis));
                placed = true;
            }
            if (taken.atMillis() >= oldest) {
                next.add(taken);
            }
        }
        if (!placed) {
            next.add(new Taken(id, atMillis));
        }
        if (next.size() <= max) {
            return new Next(new RecentTransactionIds(next, spilledUpTo), List.of());
        }
        List<Taken> spilled = List.copyOf(next.subList(max, next.size()));
        long upTo = spilledUpTo;
        for (Taken taken : spilled) {
            upTo = Math.max(upTo, taken.atMillis());
        }
        return new Next(new RecentTransactionIds(next.subList(0, max), upTo), spilled);
    }
}
