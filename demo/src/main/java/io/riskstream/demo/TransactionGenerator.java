package io.riskstream.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

import io.riskstream.events.Transaction;

/**
 * Card transactions of a population of cards: mostly purchases in shops at home, some online, a few at ATMs.
 * About 2.5% of them belong to a {@link FraudPatterns fraud pattern}, which unfolds over the following calls,
 * and about 0.5% are upstream retries: a recent transaction sent again as it was, same {@code transactionId}.
 */
final class TransactionGenerator implements TrafficGenerator<Transaction> {

    static final int CARDS = 2_000;
    /** Far above real life (nearer 0.1%), so that at demo rates the dashboard shows several incidents a minute. */
    static final double FRAUD_SHARE = 0.025;
    static final double RETRY_SHARE = 0.005;
    static final String RETRY = "RETRY";
    /** A retry repeats one of the last transactions, as a producer does after a timed-out send. */
    static final int RETRY_WINDOW = 50;
    static final double ATM_SHARE = 0.04;
    static final double ONLINE_SHARE = 0.18;
    /** Most shop purchases are at the holder's favourite shops; the rest anywhere at home. */
    static final double FAVOURITE_SHARE = 0.8;
    /** Everyday withdrawals, in euros (converted to the card's currency). */
    static final double MIN_CASH = 20;
    static final double MAX_CASH = 200;
    /** A card stays out of new patterns this long after its last one, so that each incident stands apart. */
    static final Duration PATTERN_COOL_DOWN = Duration.ofMinutes(15);

    private final RandomGenerator random;
    private final EventTimes times;
    private final Payments payments;
    private final FraudPatterns patterns;
    private final List<Card> cards;
    private final Weighted<Mcc> shops = Mcc.inStore();
    private final Agenda<Keyed<Transaction>> agenda = new Agenda<>();
    private final List<Transaction> recent = new ArrayList<>();
    private final Map<String, Instant> inPatternUntil = new HashMap<>();
    /** Transactions made so far (retries aside), and how many of them belong to a fraud pattern. */
    private long made;
    private long fraud;

    TransactionGenerator(Clock clock, RandomGenerator random) {
        this.random = random;
        this.times = new EventTimes(clock, random);
        this.payments = new Payments(times, random);
        this.patterns = new FraudPatterns(payments, times, random);
        this.cards = Card.population(CARDS, random);
    }

    @Override
    public List<Keyed<Transaction>> next(int count) {
        Instant now = times.now();
        List<Keyed<Transaction>> batch = new ArrayList<>(count);
        while (batch.size() < count) {
            batch.add(nextOne(now));
        }
        return batch;
    }

    private Keyed<Transaction> nextOne(Instant now) {
        // Pending steps count as fraud already, so that a burst that is still unfolding keeps its share.
        if (fraud + agenda.pending() < FRAUD_SHARE * (made + agenda.pending())) {
            startPattern(now);
        }
        Optional<Keyed<Transaction>> step = agenda.takeDue(now, times::eventTime);
        if (step.isEmpty() && !recent.isEmpty() && random.nextDouble() < RETRY_SHARE) {
            Transaction again = recent.get(random.nextInt(recent.size()));
            return new Keyed<>(again.getCardId(), again, RETRY);
        }
        Keyed<Transaction> next = step.orElseGet(() -> {
            Transaction everyday = everyday(times.eventTime());
            return Keyed.normal(everyday.getCardId(), everyday);
        });
        made++;
        fraud += next.isNormal() ? 0 : 1;
        recent.add(next.value());
        if (recent.size() > RETRY_WINDOW) {
            recent.remove(0);
        }
        return next;
    }

    private void startPattern(Instant now) {
        FraudPatterns.Kind kind = patterns.choose(now);
        inPatternUntil.values().removeIf(until -> until.isBefore(now));
        Card card = anyCard();
        // At rates so high that every card is in a pattern, a card takes part in two at once.
        for (int tries = 1; inPatternUntil.containsKey(card.cardId()) && tries < CARDS; tries++) {
            card = anyCard();
        }
        Instant last = now;
        for (FraudPatterns.Step step : patterns.unfold(kind, card)) {
            Card victim = card;
            Instant due = now.plus(step.after());
            agenda.schedule(due, at -> new Keyed<>(victim.cardId(), step.make().apply(at), kind.name()));
            last = due.isAfter(last) ? due : last;
        }
        inPatternUntil.put(card.cardId(), last.plus(PATTERN_COOL_DOWN));
    }

    private Transaction everyday(Instant at) {
        Card card = anyCard();
        double channel = random.nextDouble();
        if (channel < ATM_SHARE) {
            Merchant atm = Merchant.any(Mcc.ATM_CASH, card.home(), random);
            return payments.atm(card, atm, payments.cash(card, random.nextDouble(MIN_CASH, MAX_CASH)), at);
        }
        if (channel < ATM_SHARE + ONLINE_SHARE) {
            Merchant shop = Merchant.any(Mcc.ONLINE.get(random.nextInt(Mcc.ONLINE.size())), card.home(), random);
            return payments.online(card, shop, payments.usualAmount(card, shop.category()), card.deviceId(),
                    card.home(), at);
        }
        Merchant shop = random.nextDouble() < FAVOURITE_SHARE
                ? card.favourites().get(random.nextInt(card.favourites().size()))
                : Merchant.any(shops.pick(random), card.home(), random);
        return payments.inStore(card, shop, payments.usualAmount(card, shop.category()), at);
    }

    /** The card with {@code cardId}, for tests that compare a transaction with the card's habits. */
    Card card(String cardId) {
        return cards.stream().filter(card -> card.cardId().equals(cardId)).findFirst().orElseThrow();
    }

    private Card anyCard() {
        return cards.get(random.nextInt(cards.size()));
    }
}
