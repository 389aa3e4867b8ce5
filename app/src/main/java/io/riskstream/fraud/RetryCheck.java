package io.riskstream.fraud;

import java.time.Duration;
import java.util.List;

/**
 * Recognises an upstream retry: a transaction whose id its card took before, at an event time within the duplicate
 * horizon. The card's newest {@code keptPerCard} ids live in its own state ({@link RecentTransactionIds}); older ones
 * within the horizon in a store of ids (scoring's {@code seen-transactions}, the replay's map), asked only for a card
 * that ever pushed one out there within the horizon. Most cards take fewer transactions than that in a horizon, so
 * their check costs nothing beyond reading their state, which scoring reads anyway.
 */
final class RetryCheck {

    /** The ids pushed out of cards' states, by id: whether one was taken at an event time in [from, to]. */
    @FunctionalInterface
    interface SpilledIds {
        boolean contains(String transactionId, long fromMillis, long toMillis);
    }

    /** A card's state with one more transaction id, and the ids to write to the {@link SpilledIds}. */
    record Taking(CardProfile card, List<RecentTransactionIds.Taken> spilled) {
    }

    private final long horizonMillis;
    private final int keptPerCard;

    RetryCheck(Duration horizon, int keptPerCard) {
        if (horizon.isNegative() || horizon.isZero() || keptPerCard < 0) {
            throw new IllegalArgumentException(
                    "the duplicate horizon must be positive, and a card keeps 0 ids or more");
        }
        this.horizonMillis = horizon.toMillis();
        this.keptPerCard = keptPerCard;
    }

    /** Whether {@code card} took {@code transactionId} within the horizon of {@code atMillis}. */
    boolean isRetry(CardProfile card, String transactionId, long atMillis, SpilledIds spilled) {
        RecentTransactionIds ids = card.transactionIds;
        return ids.contains(transactionId, atMillis, horizonMillis)
                || ids.mayHaveSpilled(atMillis, horizonMillis)
                && spilled.contains(transactionId, atMillis - horizonMillis, atMillis + horizonMillis);
    }

    /** {@code card} having taken {@code transactionId} at {@code atMillis}. */
    Taking take(CardProfile card, String transactionId, long atMillis) {
        RecentTransactionIds.Next next = card.transactionIds.plus(transactionId, atMillis, horizonMillis, keptPerCard);
        return new Taking(card.withTransactionIds(next.ids()), next.spilled());
    }

    long horizonMillis() {
        return horizonMillis;
    }
}
