package io.riskstream.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.riskstream.events.Transaction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A card's retry check, its newest ids in its own state and the others pushed out to a store of ids, against the
 * plain rule it stands for: a transaction is a retry when the card took the same id at an event time within the
 * horizon of it, and that take is itself within the horizon of the card's newest event time. However few ids the
 * card's state keeps (none: version 1 of its format, for a rolling upgrade), through the store's serde, and whatever
 * order the event times come in, the answers are the rule's.
 */
class RetryCheckProperties {

    private static final long HORIZON = Duration.ofDays(7).toMillis();
    private static final long START = 1_780_000_000_000L;

    record Arrival(String id, long atMillis) {
    }

    @Provide
    Arbitrary<List<Arrival>> arrivals() {
        Arbitrary<Arrival> arrival = Combinators.combine(
                Arbitraries.of("tx-a", "tx-b", "tx-c", "tx-d", "tx-e", "tx-f", "tx-g", "tx-h"),
                // Days apart and hours apart, early and late: some retries fall inside the horizon, some outside.
                Arbitraries.longs().between(0, 20 * 24).map(hours -> START + hours * 3_600_000L)).as(Arrival::new);
        return arrival.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 300)
    void answersAsTheRuleWhateverTheCardKeeps(@ForAll("arrivals") List<Arrival> arrivals,
                                              @ForAll @IntRange(min = 0, max = 5) int keptPerCard) {
        RetryCheck check = new RetryCheck(Duration.ofMillis(HORIZON), keptPerCard);
        // Through the store's serde each time, in the version it writes for this many ids: 0 writes version 1.
        CardProfileSerde serde = new CardProfileSerde(keptPerCard == 0 ? CardProfileSerde.V1 : CardProfileSerde.V2);
        CardProfileUpdater updater = new CardProfileUpdater(new CardProfileConfig(4, 4, Duration.ofDays(90)));
        CardProfile card = CardProfile.empty();
        Map<String, List<Long>> pushedOut = new HashMap<>();
        List<Arrival> taken = new ArrayList<>();
        long newest = Long.MIN_VALUE;
        for (Arrival arrival : arrivals) {
            long newestSoFar = newest;
            // The store of ids pushed out ages them as the card's newest event time moves (the real one by the
            // partition's, which is never behind it).
            RetryCheck.SpilledIds store = (id, from, to) -> pushedOut.getOrDefault(id, List.of()).stream()
                    .anyMatch(at -> at >= from && at <= to && at >= newestSoFar - HORIZON);
            boolean expected = taken.stream().anyMatch(earlier -> earlier.id().equals(arrival.id())
                    && Math.abs(earlier.atMillis() - arrival.atMillis()) <= HORIZON
                    && earlier.atMillis() >= newestSoFar - HORIZON);

            assertThat(check.isRetry(card, arrival.id(), arrival.atMillis(), store))
                    .as("%s after %s", arrival, taken).isEqualTo(expected);

            if (!expected) {
                Transaction tx = TestTransactions.at(Instant.ofEpochMilli(arrival.atMillis()).toString())
                        .setTransactionId(arrival.id()).build();
                RetryCheck.Taking taking = check.take(updater.apply(card, tx), arrival.id(), arrival.atMillis());
                taking.spilled().forEach(id -> pushedOut.computeIfAbsent(id.id(), key -> new ArrayList<>())
                        .add(id.atMillis()));
                card = serde.decode(serde.encode(taking.card()));
                taken.add(arrival);
                newest = Math.max(newest, arrival.atMillis());
                assertThat(card.transactionIds.ids()).hasSizeLessThanOrEqualTo(keptPerCard);
            }
        }
    }

    @Example
    void aCardThatNeverPushedAnIdOutIsNotLookedUpElsewhere() {
        RetryCheck check = new RetryCheck(Duration.ofMillis(HORIZON), 2);
        CardProfile card = check.take(CardProfile.empty(), "tx-a", START).card();
        RetryCheck.SpilledIds failing = (id, from, to) -> {
            throw new AssertionError("looked up " + id);
        };

        assertThat(check.isRetry(card, "tx-a", START, failing)).isTrue();
        assertThat(check.isRetry(card, "tx-b", START, failing)).isFalse();
    }

    @Example
    void idsPushedOutAreLookedUpOnlyWhileTheyCanStillMatch() {
        RetryCheck check = new RetryCheck(Duration.ofMillis(HORIZON), 1);
        RetryCheck.Taking first = check.take(CardProfile.empty(), "tx-a", START);
        RetryCheck.Taking second = check.take(first.card(), "tx-b", START + 1);
        List<String> asked = new ArrayList<>();
        RetryCheck.SpilledIds store = (id, from, to) -> asked.add(id) && id.equals("tx-a");

        assertThat(second.spilled()).containsExactly(new RecentTransactionIds.Taken("tx-a", START));
        assertThat(check.isRetry(second.card(), "tx-a", START, store)).isTrue();
        assertThat(check.isRetry(second.card(), "tx-c", START + HORIZON + 1, store)).isFalse();
        assertThat(asked).containsExactly("tx-a");
    }

    /** A card's ids go with the card: an expiry shorter than the horizon would forget ids the horizon keeps. */
    @Example
    void anIdleExpiryShorterThanTheDuplicateHorizonIsRefused() {
        assertThatThrownBy(() -> new FraudSettings(Duration.ofDays(7), Duration.ofDays(6), Duration.ofHours(1), 1000,
                100_000_000_000L, 16, 32, 16)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("card-idle-expiry");
    }
}
