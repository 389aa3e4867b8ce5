package io.riskstream.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

import io.riskstream.events.SiteEvent;

/**
 * Web shop events of shoppers in {@link ShoppingSession sessions}, a fixed number of them open at any time.
 * A shopper whose session ends goes quiet for longer than the 30-minute session gap, so that the stream sees
 * the session close, and may come back later for a new one.
 *
 * <p>{@code amountMinor} of a cart event is positive for both {@code ADD_TO_CART} and {@code REMOVE_FROM_CART}:
 * the amount added or removed. The cart's value is the added minus the removed amounts.
 */
final class SiteEventGenerator implements TrafficGenerator<SiteEvent> {

    /** Enough shoppers that the open sessions and the quiet ones use only a part of them. */
    static final int SHOPPERS = 20_000;
    /** At 40 events a second, each open session sends an event every 5 seconds on average. */
    static final int OPEN_SESSIONS = 200;
    /** Well past the 30-minute session gap, even for events stamped a few seconds early. */
    static final Duration MIN_QUIET = Duration.ofMinutes(35);
    static final Duration MAX_QUIET = Duration.ofMinutes(60);

    private final RandomGenerator random;
    private final EventTimes times;
    private final Catalog catalog;
    private final List<ShoppingSession> open = new ArrayList<>(OPEN_SESSIONS);
    private final Set<String> shopping = new HashSet<>();
    private final Map<String, Instant> quietUntil = new HashMap<>();
    private int newcomers;

    SiteEventGenerator(Clock clock, RandomGenerator random) {
        this.random = random;
        this.times = new EventTimes(clock, random);
        this.catalog = new Catalog(random);
    }

    @Override
    public List<Keyed<SiteEvent>> next(int count) {
        Instant now = times.now();
        quietUntil.values().removeIf(until -> until.isBefore(now));
        List<Keyed<SiteEvent>> batch = new ArrayList<>(count);
        while (batch.size() < count) {
            while (open.size() < OPEN_SESSIONS) {
                open.add(new ShoppingSession(availableShopper(), catalog, random));
            }
            int index = random.nextInt(open.size());
            ShoppingSession session = open.get(index);
            batch.add(Keyed.normal(session.userId(), session.next(times.id("evt-"), times.eventTime())));
            if (session.finished()) {
                // Swap with the last so that removal does not shift the list.
                open.set(index, open.get(open.size() - 1));
                open.remove(open.size() - 1);
                shopping.remove(session.userId());
                quietUntil.put(session.userId(), now.plus(times.between(MIN_QUIET, MAX_QUIET)));
            }
        }
        return batch;
    }

    /** A shopper who is neither shopping nor quiet now; a newcomer if rates so high keep every shopper busy. */
    private String availableShopper() {
        String userId = "shopper-%05d".formatted(random.nextInt(SHOPPERS));
        for (int tries = 1; shopping.contains(userId) || quietUntil.containsKey(userId); tries++) {
            userId = "shopper-%05d".formatted(tries < SHOPPERS ? random.nextInt(SHOPPERS) : SHOPPERS + newcomers++);
        }
        shopping.add(userId);
        return userId;
    }
}
