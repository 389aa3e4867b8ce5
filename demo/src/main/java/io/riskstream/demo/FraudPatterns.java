package io.riskstream.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import io.riskstream.events.Transaction;

/** The fraud a ruleset should catch, each as the transactions it unfolds into over the next seconds or minutes. */
final class FraudPatterns {

    /** The patterns, with how often each one starts relative to the others. */
    enum Kind {
        VELOCITY_BURST(10), CARD_TESTING(10), IMPOSSIBLE_TRAVEL(20), RISKY_HIGH_AMOUNT(25), IP_COUNTRY_MISMATCH(25),
        ATM_ABROAD_AT_NIGHT(10);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    /** One transaction of a pattern, made {@code after} the pattern started. */
    record Step(Duration after, Function<Instant, Transaction> make) {
    }

    static final int MIN_BURST = 8;
    static final int MAX_BURST = 15;
    /** A burst fits in a minute even when some of its events are stamped a few seconds early. */
    static final Duration BURST_SPAN = Duration.ofSeconds(45);
    static final int MIN_TESTS = 6;
    static final int MAX_TESTS = 12;
    /** Card testers try 1 to 3 units of currency: small enough to go unnoticed by the holder. */
    static final long MIN_TEST_MINOR = Card.MINOR_PER_UNIT;
    static final long MAX_TEST_MINOR = 3 * Card.MINOR_PER_UNIT;
    static final Duration MIN_TEST_GAP = Duration.ofSeconds(2);
    static final Duration MAX_TEST_GAP = Duration.ofSeconds(15);
    static final Duration MIN_TRAVEL = Duration.ofMinutes(2);
    static final Duration MAX_TRAVEL = Duration.ofMinutes(10);
    /** A cash-out spends 20 to 50 times the card's typical purchase. */
    static final double MIN_HIGH_FACTOR = 20;
    static final double MAX_HIGH_FACTOR = 50;
    /** Night in UTC, when a real holder rarely withdraws cash abroad: hours 0 to 5. */
    static final int NIGHT_END_HOUR = 6;
    /** Cash taken at night abroad, in euros (converted to the card's currency). */
    static final double MIN_NIGHT_CASH = 200;
    static final double MAX_NIGHT_CASH = 500;

    private final Payments payments;
    private final EventTimes times;
    private final RandomGenerator random;
    private final Weighted<Mcc> shops = Mcc.inStore();
    private final Weighted<Kind> byDay = kinds(false);
    private final Weighted<Kind> byNight = kinds(true);

    FraudPatterns(Payments payments, EventTimes times, RandomGenerator random) {
        this.payments = payments;
        this.times = times;
        this.random = random;
    }

    /** A pattern to start at {@code now}; the one at the ATM only at night. */
    Kind choose(Instant now) {
        return (isNight(now) ? byNight : byDay).pick(random);
    }

    static boolean isNight(Instant time) {
        return time.atOffset(ZoneOffset.UTC).getHour() < NIGHT_END_HOUR;
    }

    List<Step> unfold(Kind kind, Card card) {
        return switch (kind) {
            case VELOCITY_BURST -> velocityBurst(card);
            case CARD_TESTING -> cardTesting(card);
            case IMPOSSIBLE_TRAVEL -> impossibleTravel(card);
            case RISKY_HIGH_AMOUNT -> List.of(now(at -> riskyHighAmount(card, at)));
            case IP_COUNTRY_MISMATCH -> List.of(now(at -> ipCountryMismatch(card, at)));
            case ATM_ABROAD_AT_NIGHT -> List.of(now(at -> atmAbroad(card, at)));
        };
    }

    /** Many purchases of one card in shops all over its home country, within a minute. */
    private List<Step> velocityBurst(Card card) {
        int size = random.nextInt(MIN_BURST, MAX_BURST + 1);
        List<Step> steps = new ArrayList<>(List.of(now(at -> anyShop(card, at))));
        for (int i = 1; i < size; i++) {
            steps.add(new Step(times.between(Duration.ZERO, BURST_SPAN), at -> anyShop(card, at)));
        }
        return steps;
    }

    /**
     * Small online purchases in quick succession, from a device and a country that are not the holder's, to
     * learn whether the stolen card number works.
     */
    private List<Step> cardTesting(Card card) {
        String device = "dev-%08x".formatted(random.nextInt());
        Country ipCountry = pick(card.home().others());
        int size = random.nextInt(MIN_TESTS, MAX_TESTS + 1);
        List<Step> steps = new ArrayList<>(size);
        Duration after = Duration.ZERO;
        for (int i = 0; i < size; i++) {
            steps.add(new Step(after, at -> {
                Merchant shop = Merchant.any(pick(Mcc.ONLINE), ipCountry, random);
                long amount = random.nextLong(MIN_TEST_MINOR, MAX_TEST_MINOR + 1);
                return payments.online(card, shop, amount, device, ipCountry, at);
            }));
            after = after.plus(times.between(MIN_TEST_GAP, MAX_TEST_GAP));
        }
        return steps;
    }

    /** A purchase at home, then minutes later one on another continent. */
    private List<Step> impossibleTravel(Card card) {
        Country far = pick(card.home().farAway());
        Duration later = times.between(MIN_TRAVEL, MAX_TRAVEL);
        return List.of(now(at -> everyday(card, at)), new Step(later, at -> payments.inStore(card,
                Merchant.any(Mcc.RETAIL, far, random), payments.usualAmount(card, Mcc.RETAIL), at)));
    }

    /** A first purchase at a risky merchant, far above what the card usually spends. */
    private Transaction riskyHighAmount(Card card, Instant at) {
        long amount = Math.round(card.typicalAmountMinor() * random.nextDouble(MIN_HIGH_FACTOR, MAX_HIGH_FACTOR));
        Merchant merchant = Merchant.any(pick(Mcc.RISKY), card.home(), random);
        return payments.online(card, merchant, amount, card.deviceId(), card.home(), at);
    }

    /** An ordinary online purchase at home, but from a client IP in another country. */
    private Transaction ipCountryMismatch(Card card, Instant at) {
        Merchant merchant = Merchant.any(pick(Mcc.ONLINE), card.home(), random);
        long amount = payments.usualAmount(card, merchant.category());
        return payments.online(card, merchant, amount, card.deviceId(), pick(card.home().others()), at);
    }

    private Transaction atmAbroad(Card card, Instant at) {
        Merchant atm = Merchant.any(Mcc.ATM_CASH, pick(card.home().others()), random);
        return payments.atm(card, atm, payments.cash(card, random.nextDouble(MIN_NIGHT_CASH, MAX_NIGHT_CASH)), at);
    }

    /** A purchase at any shop at home, as a thief with a cloned card makes. */
    private Transaction anyShop(Card card, Instant at) {
        Merchant merchant = Merchant.any(shops.pick(random), card.home(), random);
        return payments.inStore(card, merchant, payments.usualAmount(card, merchant.category()), at);
    }

    /** A purchase at one of the holder's favourite shops. */
    private Transaction everyday(Card card, Instant at) {
        Merchant merchant = pick(card.favourites());
        return payments.inStore(card, merchant, payments.usualAmount(card, merchant.category()), at);
    }

    private static Step now(Function<Instant, Transaction> make) {
        return new Step(Duration.ZERO, make);
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static Weighted<Kind> kinds(boolean night) {
        List<Kind> kinds = Arrays.stream(Kind.values()).filter(k -> night || k != Kind.ATM_ABROAD_AT_NIGHT).toList();
        return new Weighted<>(kinds, kinds.stream().map(k -> (double) k.weight).toList());
    }
}
