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

    @Test
    void readsVersion1AsBuildsBeforeTheSharedFormatWroteIt() {
        assertThat(serde.decode(StateFixtures.frozen("card-profile.v1.hex"))).isEqualTo(twoTransactions());
        assertThat(serde.decode(StateFixtures.frozen("card-profile-empty.v1.hex"))).isEqualTo(CardProfile.empty());
    }

    /** Version 1 is still the current layout: stores and changelogs hold it, so it is written byte for byte. */
    @Test
    void writesVersion1BytesExactlyAsBefore() {
        assertThat(serde.encode(twoTransactions())).isEqualTo(StateFixtures.frozen("card-profile.v1.hex"));
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
        CardProfile profile = CardProfile.empty();
        for (Tx tx : history) {
            profile = updater.apply(profile, TestTransactions.at(START.plusSeconds(tx.second()).toString())
                    .setAmountMinor(tx.amountMinor()).setCountry(tx.country()).setMerchantId(tx.merchant()).build());
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
