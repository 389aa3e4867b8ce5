package io.riskstream.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A card of the demo population and how its holder usually spends.
 *
 * @param typicalAmountMinor the holder's typical purchase, in minor units of the home currency
 * @param favourites the shops the holder goes to again and again, all at home
 * @param deviceId the phone or computer the holder shops online with
 */
record Card(String cardId, String accountId, Country home, long typicalAmountMinor, List<Merchant> favourites,
            String deviceId) {

    /** A typical purchase is around 35 euros ... */
    static final double TYPICAL_EUROS = 35;
    /** ... and holders differ from it by a factor of about 1.6 either way (the sigma of a log-normal). */
    static final double TYPICAL_SPREAD = 0.5;
    static final int MIN_FAVOURITES = 3;
    static final int MAX_FAVOURITES = 6;
    /** About one account in five holds a second card. */
    static final double SECOND_CARD_SHARE = 0.2;
    static final long MINOR_PER_UNIT = 100;

    /** {@code size} cards of holders living across {@link Country#homes()}. */
    static List<Card> population(int size, RandomGenerator random) {
        Weighted<Country> homes = Country.homes();
        Weighted<Mcc> shops = Mcc.inStore();
        List<Card> cards = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            boolean secondCard = i > 0 && random.nextDouble() < SECOND_CARD_SHARE;
            Card holder = secondCard ? cards.get(i - 1) : null;
            Country home = holder != null ? holder.home() : homes.pick(random);
            String accountId = holder != null ? holder.accountId() : "acct-%06d".formatted(i);
            double euros = TYPICAL_EUROS * Math.exp(TYPICAL_SPREAD * random.nextGaussian());
            long typical = Math.round(euros * home.unitsPerEuro * MINOR_PER_UNIT);
            List<Merchant> favourites = new ArrayList<>();
            int count = random.nextInt(MIN_FAVOURITES, MAX_FAVOURITES + 1);
            for (int f = 0; f < count; f++) {
                favourites.add(Merchant.any(shops.pick(random), home, random));
            }
            String device = "dev-%08x".formatted(random.nextInt());
            cards.add(new Card("card-%06d".formatted(i), accountId, home, typical, List.copyOf(favourites), device));
        }
        return List.copyOf(cards);
    }
}
