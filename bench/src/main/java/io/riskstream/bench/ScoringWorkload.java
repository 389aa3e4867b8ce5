package io.riskstream.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.riskstream.events.Transaction;
import io.riskstream.fraud.CardProfile;
import io.riskstream.fraud.CardProfileUpdater;

/**
 * A week of card traffic replayed through the {@link CardProfileUpdater}, as the scoring stream would, so
 * that each measured transaction meets its card's honest state before it. Cards keep habits (a home country,
 * favourite shops, a typical amount): mostly purchases at home, some online, a few at ATMs. About
 * {@value #ANOMALY_SHARE} of the traffic belongs to a fraud pattern that some rule should catch. Seeded, so
 * every run measures the same transactions.
 */
final class ScoringWorkload {

    /** One measured transaction and its card's state before it. */
    record Case(Transaction tx, CardProfile before) {
    }

    static final int CARDS = 1_000;
    /** Transactions replayed before the measured ones: some 60 per card, so cards have history. */
    static final int HISTORY = 60_000;
    /** A power of two, so that cycling through them is a mask. */
    static final int CASES = 8_192;
    static final double ANOMALY_SHARE = 0.03;
    static final Duration SPAN = Duration.ofDays(7);
    static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    static final long SEED = 20260302L;

    static final List<String> COUNTRIES = List.of("NL", "DE", "FR", "BE", "ES", "IT", "PL", "SE", "GB", "US");
    static final List<String> SHOP_CATEGORIES = List.of("5411", "5812", "5541", "5311", "5912", "5999", "5732");
    static final List<String> ONLINE_CATEGORIES = List.of("5964", "4722", "5815", "5735");
    static final List<String> RISKY_CATEGORIES = List.of("7995", "6051", "4829");
    static final String ATM_CATEGORY = "6011";
    static final double ATM_SHARE = 0.04;
    static final double ONLINE_SHARE = 0.18;
    static final double FAVOURITE_SHARE = 0.8;
    static final int FAVOURITES = 6;
    static final int SHOPS_PER_COUNTRY = 500;
    static final long MIN_TYPICAL_MINOR = 1_500;
    static final long MAX_TYPICAL_MINOR = 15_000;
    /** Spread of everyday amounts around the card's typical one (log-normal sigma). */
    static final double AMOUNT_SPREAD = 0.5;
    static final long MIN_CASH_MINOR = 2_000;
    static final long MAX_CASH_MINOR = 20_000;
    static final double HIGH_AMOUNT_FACTOR = 30;
    static final int BURST = 7;
    static final Duration BURST_GAP = Duration.ofSeconds(6);
    static final int CARD_TESTS = 10;
    static final long MAX_TEST_MINOR = 300;
    static final Duration TEST_GAP = Duration.ofSeconds(5);
    static final Duration TRAVEL_GAP = Duration.ofMinutes(5);
    static final int NIGHT_HOURS = 5;

    private enum Pattern { HIGH_AMOUNT, RISKY_CATEGORY, IP_MISMATCH, BURST, CARD_TESTING, TRAVEL, ATM_AT_NIGHT }

    private record Habit(String cardId, String home, List<String> favourites, long typicalMinor, String deviceId) {
    }

    private final Random random = new Random(SEED);
    private final List<Habit> cards = new ArrayList<>();
    private final List<Transaction> traffic = new ArrayList<>();
    private long ids;

    private ScoringWorkload() {
        for (int i = 0; i < CARDS; i++) {
            String home = pick(COUNTRIES);
            List<String> favourites = new ArrayList<>();
            for (int f = 0; f < FAVOURITES; f++) {
                favourites.add(shop(home));
            }
            cards.add(new Habit("card-" + i, home, favourites,
                    MIN_TYPICAL_MINOR + (long) (random.nextDouble() * (MAX_TYPICAL_MINOR - MIN_TYPICAL_MINOR)),
                    "device-" + i));
        }
    }

    /** The measured cases, in event-time order, each with its card's state after the whole history before it. */
    static List<Case> build(CardProfileUpdater updater) {
        ScoringWorkload workload = new ScoringWorkload();
        workload.generate();
        return workload.replay(updater);
    }

    private void generate() {
        while (traffic.size() < HISTORY + CASES) {
            Habit card = pick(cards);
            Instant at = START.plusMillis((long) (random.nextDouble() * SPAN.toMillis()));
            if (random.nextDouble() < ANOMALY_SHARE / Pattern.values().length) {
                fraud(Pattern.values()[random.nextInt(Pattern.values().length)], card, at);
            } else {
                traffic.add(everyday(card, at));
            }
        }
        traffic.sort(Comparator.comparing(Transaction::getEventTime));
    }

    private List<Case> replay(CardProfileUpdater updater) {
        Map<String, CardProfile> profiles = new HashMap<>();
        List<Case> cases = new ArrayList<>(CASES);
        int firstMeasured = traffic.size() - CASES;
        for (int i = 0; i < traffic.size(); i++) {
            Transaction tx = traffic.get(i);
            CardProfile before = profiles.getOrDefault(tx.getCardId(), CardProfile.empty());
            if (i >= firstMeasured) {
                cases.add(new Case(tx, before));
            }
            profiles.put(tx.getCardId(), updater.apply(before, tx));
        }
        return cases;
    }

    private Transaction everyday(Habit card, Instant at) {
        double channel = random.nextDouble();
        if (channel < ATM_SHARE) {
            long cash = MIN_CASH_MINOR + random.nextInt((int) (MAX_CASH_MINOR - MIN_CASH_MINOR));
            return tx(card, at, "ATM", shop(card.home()), ATM_CATEGORY, card.home(), cash, null);
        }
        if (channel < ATM_SHARE + ONLINE_SHARE) {
            return tx(card, at, "ECOM", shop(card.home()), pick(ONLINE_CATEGORIES), card.home(), usual(card),
                    card.home());
        }
        String merchant = random.nextDouble() < FAVOURITE_SHARE ? pick(card.favourites()) : shop(card.home());
        return tx(card, at, "POS", merchant, pick(SHOP_CATEGORIES), card.home(), usual(card), null);
    }

    private void fraud(Pattern pattern, Habit card, Instant at) {
        String abroad = abroad(card);
        switch (pattern) {
            case HIGH_AMOUNT -> traffic.add(tx(card, at, "POS", shop(card.home()), pick(SHOP_CATEGORIES),
                    card.home(), (long) (card.typicalMinor() * HIGH_AMOUNT_FACTOR), null));
            case RISKY_CATEGORY -> traffic.add(tx(card, at, "ECOM", shop(card.home()), pick(RISKY_CATEGORIES),
                    card.home(), usual(card), card.home()));
            case IP_MISMATCH -> traffic.add(tx(card, at, "ECOM", shop(card.home()), pick(ONLINE_CATEGORIES),
                    card.home(), usual(card), abroad));
            case BURST -> {
                for (int i = 0; i < BURST; i++) {
                    traffic.add(tx(card, at.plus(BURST_GAP.multipliedBy(i)), "POS", shop(card.home()),
                            pick(SHOP_CATEGORIES), card.home(), usual(card), null));
                }
            }
            case CARD_TESTING -> {
                for (int i = 0; i < CARD_TESTS; i++) {
                    traffic.add(tx(card, at.plus(TEST_GAP.multipliedBy(i)), "ECOM", shop(card.home()),
                            pick(ONLINE_CATEGORIES), card.home(), 1 + random.nextInt((int) MAX_TEST_MINOR),
                            card.home()));
                }
            }
            case TRAVEL -> {
                traffic.add(tx(card, at, "POS", pick(card.favourites()), pick(SHOP_CATEGORIES), card.home(),
                        usual(card), null));
                traffic.add(tx(card, at.plus(TRAVEL_GAP), "POS", shop(abroad), pick(SHOP_CATEGORIES), abroad,
                        usual(card), null));
            }
            case ATM_AT_NIGHT -> {
                Instant night = at.truncatedTo(ChronoUnit.DAYS)
                        .plusSeconds(random.nextInt(NIGHT_HOURS * 3600));
                traffic.add(tx(card, night, "ATM", shop(abroad), ATM_CATEGORY, abroad,
                        MIN_CASH_MINOR + random.nextInt((int) (MAX_CASH_MINOR - MIN_CASH_MINOR)), null));
            }
        }
    }

    private Transaction tx(Habit card, Instant at, String channel, String merchant, String category,
                           String country, long amountMinor, String ipCountry) {
        return Transaction.newBuilder()
                .setTransactionId("tx-" + ++ids)
                .setCardId(card.cardId())
                .setAccountId("account-" + card.cardId())
                .setAmountMinor(amountMinor)
                .setCurrency("EUR")
                .setMerchantId(merchant)
                .setMerchantCategory(category)
                .setCountry(country)
                .setChannel(channel)
                .setEventTime(at)
                .setDeviceId("ECOM".equals(channel) ? card.deviceId() : null)
                .setIpCountry(ipCountry)
                .build();
    }

    private long usual(Habit card) {
        return Math.max(1, Math.round(card.typicalMinor() * Math.exp(random.nextGaussian() * AMOUNT_SPREAD)));
    }

    private String shop(String country) {
        return "merchant-" + country + "-" + random.nextInt(SHOPS_PER_COUNTRY);
    }

    private String abroad(Habit card) {
        String country = pick(COUNTRIES);
        return country.equals(card.home()) ? abroad(card) : country;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
