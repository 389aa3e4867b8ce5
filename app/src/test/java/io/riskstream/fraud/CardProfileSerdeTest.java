package io.riskstream.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import io.riskstream.platform.state.StateFixtures;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CardProfileSerdeTest {

    /** Enough transactions, merchants and countries to fill several kilobytes. */
    private static final int BUSY_CARD_TRANSACTIONS = 2_000;
    private static final int BUSY_CARD_MIN_BYTES = 8_192;
    private static final Instant START = Instant.parse("2026-01-10T00:00:00Z");

    private final CardProfileSerde serde = new CardProfileSerde();
    private final CardProfileUpdater updater = new CardProfileUpdater(new CardProfileConfig(5, 5, Duration.ofDays(1)));

    /** The profile frozen in {@code card-profile.v1.hex}. */
    private CardProfile twoTransactions() {
        return updater.apply(updater.apply(CardProfile.empty(),
                TestTransactions.at("2026-01-10T12:00:00Z").setCountry("NL").setAmountMinor(-5).build()),
                TestTransactions.at("2026-01-10T13:00:00Z").setCountry("BE").setMerchantId("mé").build());
    }

    /** The profile frozen in {@code card-profile.v2.hex}: three ids, one of them pushed out of the card's state. */
    private CardProfile withTransactionIds() {
        RetryCheck retries = new RetryCheck(Duration.ofDays(7), 2);
        CardProfile profile = twoTransactions();
        long last = profile.lastEventTime().toEpochMilli();
        profile = retries.take(profile, "tx-1", last - 3_000).card();
        profile = retries.take(profile, "tx-2", last).card();
        profile = retries.take(profile, "tx-ü", last - 1_000).card();
        return profile;
    }

    /**
     * A version 1 card kept its transaction ids in {@code seen-transactions}: it reads as a card whose ids up to its
     * last time may be there, so that a retry of one is looked up there.
     */
    @Test
    void readsVersion1AsBuildsBeforeTheSharedFormatWroteIt() {
        CardProfile profile = twoTransactions();
        assertThat(serde.decode(StateFixtures.frozen("card-profile.v1.hex"))).isEqualTo(profile.withTransactionIds(
                new RecentTransactionIds(List.of(), profile.lastEventTime().toEpochMilli())));
        assertThat(serde.decode(StateFixtures.frozen("card-profile-empty.v1.hex"))).isEqualTo(CardProfile.empty());
    }

    @Test
    void readsVersion2AsTheBuildsOfIssue12WroteIt() {
        assertThat(serde.decode(StateFixtures.frozen("card-profile.v2.hex"))).isEqualTo(withTransactionIds());
    }

    /** Version 2 is the current layout: stores and changelogs hold it, so it is written byte for byte. */
    @Test
    void writesVersion2BytesExactlyAsBefore() {
        assertThat(serde.encode(withTransactionIds())).isEqualTo(StateFixtures.frozen("card-profile.v2.hex"));
    }

    /** For a rolling upgrade from a build before #12, cards keep no ids and are written in the version it reads. */
    @Test
    void aCardKeepingNoIdsIsWrittenInVersion1() {
        CardProfile profile = new RetryCheck(Duration.ofDays(7), 0).take(twoTransactions(), "tx-1",
                twoTransactions().lastEventTime().toEpochMilli()).card();

        byte[] bytes = new CardProfileSerde(CardProfileSerde.V1).encode(profile);

        assertThat(bytes).isEqualTo(StateFixtures.frozen("card-profile.v1.hex"));
        assertThat(serde.decode(bytes)).isEqualTo(profile);
    }

    @Test
    void roundTripKeepsWhatRulesSee() {
        CardProfile profile = twoTransactions();

        CardProfile back = serde.deserializer().deserialize("store", serde.serializer().serialize("store", profile));

        assertThat(back).isEqualTo(profile).hasSameHashCodeAs(profile);
        assertThat(back.snapshotAt(profile.lastEventTime()).toString())
                .isEqualTo(profile.snapshotAt(profile.lastEventTime()).toString());
        assertThat(back.snapshotAt(profile.lastEventTime()).seenMerchant("mé")).isTrue();
    }

    @Property(tries = 100)
    void anyCardHistoryRoundTrips(@ForAll("histories") List<Tx> history) {
        RetryCheck retries = new RetryCheck(Duration.ofDays(1), 8);
        CardProfile profile = CardProfile.empty();
        for (Tx tx : history) {
            Instant at = START.plusSeconds(tx.second());
            profile = updater.apply(profile, TestTransactions.at(at.toString())
                    .setAmountMinor(tx.amountMinor()).setCountry(tx.country()).setMerchantId(tx.merchant()).build());
            profile = retries.take(profile, tx.merchant(), at.toEpochMilli()).card();
        }

        assertThat(serde.decode(serde.encode(profile))).isEqualTo(profile);
    }

    /** Equality is by value, not by bytes: a profile differing in one field only is another profile. */
    @Test
    void profilesDifferingInOneFieldAreNotEqual() {
        CardProfile profile = twoTransactions();
        CardProfile laterCountry = updater.apply(profile,
                TestTransactions.at("2026-01-10T13:00:00Z").setCountry("DE").setMerchantId("mé").build());

        assertThat(laterCountry).isNotEqualTo(profile);
        assertThat(CardProfile.empty()).isNotEqualTo(profile).isNotEqualTo(null);
    }

    @Test
    void profileOfABusyCardRoundTrips() {
        CardProfileUpdater roomy = new CardProfileUpdater(new CardProfileConfig(64, 256, Duration.ofDays(1)));
        CardProfile profile = CardProfile.empty();
        for (int i = 0; i < BUSY_CARD_TRANSACTIONS; i++) {
            profile = roomy.apply(profile, TestTransactions.at(START.plusSeconds(37L * i).toString())
                    .setMerchantId("a-merchant-with-a-long-identifier-" + i).setCountry("C" + i % 64)
                    .setAmountMinor(1_000_000L * i).build());
        }

        byte[] bytes = serde.encode(profile);

        assertThat(bytes.length).isGreaterThan(BUSY_CARD_MIN_BYTES);
        assertThat(serde.decode(bytes)).isEqualTo(profile);
    }

    @Test
    void aVersionFromANewerBuildIsRefusedClearly() {
        StateFixtures.refusesTheNextVersion(serde, twoTransactions());
    }

    @Test
    void aBucketCountBeyondItsHorizonIsCorrupt() {
        byte[] bytes = StateFixtures.frozen("card-profile-empty.v1.hex");
        // the minute horizon's bucket count, after the version, the statistics and four absent fields
        int minuteBuckets = 1 + 1 + 2 * Double.BYTES + 4;
        bytes[minuteBuckets] = 122;

        assertThatThrownBy(() -> serde.decode(bytes)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("bad size 61");
    }

    @Test
    void truncatedPayloadIsRejectedClearly() {
        byte[] bytes = serde.encode(twoTransactions());

        assertThatThrownBy(() -> serde.decode(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Corrupt card profile");
    }

    record Tx(int second, long amountMinor, String country, String merchant) {
    }

    @Provide
    Arbitrary<List<Tx>> histories() {
        Arbitrary<Tx> tx = Combinators.combine(
                Arbitraries.integers().between(0, 3 * 24 * 3600),
                Arbitraries.longs().between(-1_000_000, 1_000_000_000),
                Arbitraries.of("NL", "BE", "DE", "ÜÜ"),
                Arbitraries.strings().withCharRange(' ', '\uD7FF').ofMinLength(1).ofMaxLength(20)).as(Tx::new);
        return tx.list().ofMaxSize(40);
    }
}
