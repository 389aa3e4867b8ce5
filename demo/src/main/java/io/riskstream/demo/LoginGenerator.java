package io.riskstream.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

import io.riskstream.events.LoginEvent;

/**
 * Logins of a population of users, from their home country and mostly successful. About 2% of the users are
 * hopping at any time: they log in from 4 to 6 other countries within a few minutes, as when the credentials
 * of an account are shared or sold.
 */
final class LoginGenerator implements TrafficGenerator<LoginEvent> {

    static final int USERS = 500;
    static final double HOPPER_SHARE = 0.02;
    static final String COUNTRY_HOPPING = "COUNTRY_HOPPING";
    static final double SUCCESS_RATE = 0.95;
    static final int MIN_HOPS = 4;
    static final int MAX_HOPS = 6;
    /** Hops follow each other well within the 5-minute inactivity gap of a login session. */
    static final Duration MIN_HOP_GAP = Duration.ofSeconds(10);
    static final Duration MAX_HOP_GAP = Duration.ofSeconds(45);
    /** A user who hopped stays home a while, so that each episode is a session of its own. */
    static final Duration HOP_COOL_DOWN = Duration.ofMinutes(10);
    /** Each country gets its own first octet of IPv4 addresses, from 31 up: none of them private or reserved. */
    static final int FIRST_OCTET = 31;
    static final int OCTET_STEP = 5;

    private record User(String userId, Country home) {
    }

    private final RandomGenerator random;
    private final EventTimes times;
    private final List<User> users = new ArrayList<>(USERS);
    private final Agenda<Keyed<LoginEvent>> hops = new Agenda<>();
    /** The time of the last hop of every user who hopped lately. */
    private final Map<String, Instant> lastHop = new HashMap<>();

    LoginGenerator(Clock clock, RandomGenerator random) {
        this.random = random;
        this.times = new EventTimes(clock, random);
        Weighted<Country> homes = Country.homes();
        for (int i = 0; i < USERS; i++) {
            users.add(new User("user-%05d".formatted(i), homes.pick(random)));
        }
    }

    @Override
    public List<Keyed<LoginEvent>> next(int count) {
        Instant now = times.now();
        lastHop.values().removeIf(last -> last.plus(HOP_COOL_DOWN).isBefore(now));
        while (lastHop.values().stream().filter(last -> !last.isBefore(now)).count() < HOPPER_SHARE * USERS) {
            startHopping(now);
        }
        List<Keyed<LoginEvent>> batch = new ArrayList<>(count);
        while (batch.size() < count) {
            Optional<Keyed<LoginEvent>> hop = hops.takeDue(now, times::eventTime);
            batch.add(hop.orElseGet(() -> {
                User user = users.get(random.nextInt(users.size()));
                return Keyed.normal(user.userId(), login(user, user.home(), times.eventTime()));
            }));
        }
        return batch;
    }

    private void startHopping(Instant now) {
        User user = users.get(random.nextInt(users.size()));
        for (int tries = 1; lastHop.containsKey(user.userId()) && tries < USERS; tries++) {
            user = users.get(random.nextInt(users.size()));
        }
        List<Country> others = user.home().others();
        Set<Country> countries = new LinkedHashSet<>();
        int size = random.nextInt(MIN_HOPS, MAX_HOPS + 1);
        while (countries.size() < size) {
            countries.add(others.get(random.nextInt(others.size())));
        }
        Instant due = now;
        for (Country country : countries) {
            User hopper = user;
            hops.schedule(due, at -> new Keyed<>(hopper.userId(), login(hopper, country, at), COUNTRY_HOPPING));
            lastHop.put(user.userId(), due);
            due = due.plus(times.between(MIN_HOP_GAP, MAX_HOP_GAP));
        }
    }

    private LoginEvent login(User user, Country country, Instant at) {
        return LoginEvent.newBuilder()
                .setUserId(user.userId())
                .setCountry(country.code())
                .setIpAddress(ipAddress(country))
                .setSuccess(random.nextDouble() < SUCCESS_RATE)
                .setEventTime(at)
                .build();
    }

    private String ipAddress(Country country) {
        int first = FIRST_OCTET + country.ordinal() * OCTET_STEP;
        return "%d.%d.%d.%d".formatted(first, random.nextInt(256), random.nextInt(256), random.nextInt(1, 255));
    }
}
