package io.riskstream.load;

import java.time.Instant;
import java.util.SplittableRandom;

import io.riskstream.events.Transaction;

/**
 * Cheap, valid card transactions over a population of {@code cards} cards, each with its home country, a few
 * regular shops and a usual amount, so that the card state the app keeps looks like real state. Mostly
 * purchases at home; about 3% of them make a rule fire (a risky merchant category, a high amount at a new shop,
 * an IP abroad, a card-present purchase abroad). Cheaper than the demo's generator, whose population is fixed at
 * 2,000 cards and which sends upstream retries: here every {@code transactionId} is new, so every transaction
 * makes exactly one decision and the count of decisions is the count of transactions.
 *
 * <p>Every value passes the app's checks (docs/contract.md): key = cardId, ids short, ISO codes, amounts positive
 * and believable; the caller gives event times inside the app's input limits.
 */
final class TransactionMaker {

    private static final String[] COUNTRIES = {"DE", "FR", "NL", "ES", "IT", "GB", "US", "PL"};
    private static final String[] CURRENCIES = {"EUR", "EUR", "EUR", "EUR", "EUR", "GBP", "USD", "PLN"};
    private static final String[] SHOP_MCCS = {"5411", "5812", "5541", "5311", "5912", "5732", "5651"};
    private static final String[] RISKY_MCCS = {"7995", "6051", "4829"};
    private static final int SHOPS_PER_CARD = 4;
    private static final double RISKY_SHARE = 0.01;
    private static final double HIGH_AMOUNT_SHARE = 0.01;
    private static final double IP_ABROAD_SHARE = 0.005;
    private static final double ABROAD_SHARE = 0.005;
    private static final double ONLINE_SHARE = 0.15;

    private final int cards;
    private final String run;
    private final SplittableRandom random;
    private long made;

    /**
     * @param run a short tag that makes this run's transaction ids unique, even against a topic of an earlier run
     */
    TransactionMaker(int cards, String run, long seed) {
        this.cards = cards;
        this.run = run;
        this.random = new SplittableRandom(seed);
    }

    /** The next transaction, on a random card, stamped {@code eventTime}. */
    Transaction next(Instant eventTime) {
        int card = random.nextInt(cards);
        // A card's habits follow from its number alone: no table of cards to hold, whatever their count.
        int home = Math.floorMod(card * 31, COUNTRIES.length);
        long usualMinor = 1_000 + Math.floorMod(card * 7919L, 9_000);
        String shop = "m-" + home + "-" + Math.floorMod(card * 13 + random.nextInt(SHOPS_PER_CARD), 50_000);
        String mcc = SHOP_MCCS[Math.floorMod(card, SHOP_MCCS.length)];
        String country = COUNTRIES[home];
        String channel = "POS";
        String ipCountry = null;
        String deviceId = null;
        long amount = Math.max(1, (long) (usualMinor * (0.5 + random.nextDouble())));
        double roll = random.nextDouble();
        if (roll < RISKY_SHARE) {
            mcc = RISKY_MCCS[random.nextInt(RISKY_MCCS.length)];
            shop = "m-risky-" + random.nextInt(1_000);
        } else if (roll < RISKY_SHARE + HIGH_AMOUNT_SHARE) {
            amount = 50_000 + random.nextLong(200_000);
            shop = "m-new-" + random.nextInt(100_000);
        } else if (roll < RISKY_SHARE + HIGH_AMOUNT_SHARE + ABROAD_SHARE) {
            country = COUNTRIES[(home + 1 + random.nextInt(COUNTRIES.length - 1)) % COUNTRIES.length];
            shop = "m-" + country + "-" + random.nextInt(10_000);
        } else if (roll < RISKY_SHARE + HIGH_AMOUNT_SHARE + ABROAD_SHARE + IP_ABROAD_SHARE + ONLINE_SHARE) {
            channel = "ECOM";
            deviceId = "dev-" + card;
            ipCountry = roll < RISKY_SHARE + HIGH_AMOUNT_SHARE + ABROAD_SHARE + IP_ABROAD_SHARE
                    ? COUNTRIES[(home + 1) % COUNTRIES.length] : country;
        }
        String cardId = cardId(card);
        return Transaction.newBuilder()
                .setTransactionId("tx-" + run + "-" + made++)
                .setCardId(cardId)
                .setAccountId("acct-" + card)
                .setAmountMinor(amount)
                .setCurrency(CURRENCIES[home])
                .setMerchantId(shop)
                .setMerchantCategory(mcc)
                .setCountry(country)
                .setChannel(channel)
                .setEventTime(eventTime)
                .setDeviceId(deviceId)
                .setIpCountry(ipCountry)
                .build();
    }

    static String cardId(int card) {
        return "card-" + card;
    }
}
