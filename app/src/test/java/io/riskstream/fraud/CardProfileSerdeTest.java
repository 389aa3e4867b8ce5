package io.riskstream.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class CardProfileSerdeTest {

    /** Enough transactions, merchants and countries to fill several kilobytes. */
    private static final int BUSY_CARD_TRANSACTIONS = 2_000;
    private static final int BUSY_CARD_MIN_BYTES = 8_192;

    private final CardProfileSerde serde = new CardProfileSerde();
    private final CardProfileUpdater updater = new CardProfileUpdater(new CardProfileConfig(5, 5, Duration.ofDays(1)));

    @Test
    void roundTripKeepsEveryField() {
        CardProfile profile = updater.apply(updater.apply(CardProfile.empty(),
                TestTransactions.at("2026-01-10T12:00:00Z").setCountry("NL").setAmountMinor(-5).build()),
                TestTransactions.at("2026-01-10T13:00:00Z").setCountry("BE").setMerchantId("mé").build());

        byte[] bytes = serde.serializer().serialize("store", profile);
        CardProfile back = serde.deserializer().deserialize("store", bytes);

        assertThat(bytes[0]).isEqualTo(CardProfileSerde.FORMAT_V1);
        assertThat(back).isEqualTo(profile);
        assertThat(back.snapshotAt(profile.lastEventTime()).toString())
                .isEqualTo(profile.snapshotAt(profile.lastEventTime()).toString());
        assertThat(back.snapshotAt(profile.lastEventTime()).seenMerchant("mé")).isTrue();
    }

    /** The bytes state stores and changelogs already hold: a new writer must write them the same way. */
    @Test
    void writesVersion1BytesExactlyAsBefore() {
        CardProfile profile = updater.apply(updater.apply(CardProfile.empty(),
                TestTransactions.at("2026-01-10T12:00:00Z").setCountry("NL").setAmountMinor(-5).build()),
                TestTransactions.at("2026-01-10T13:00:00Z").setCountry("BE").setMerchantId("mé").build());

        assertThat(HexFormat.of().formatHex(serde.serializer().serialize("store", profile))).isEqualTo(
                "0104407f180000000000411ed2d2000000000180c8b8fcf466018082f0fff466044245044e4c02a0b592960d02d00f02"
                        + "d88d8d1c02d00f04e8f93b0209eaf93b02d00f040442458082f0fff466044e4c80c8b8fcf46604066dc3a9808"
                        + "2f0fff466146d65726368616e742d3180c8b8fcf466");
    }

    @Test
    void profileOfABusyCardRoundTrips() {
        CardProfileUpdater roomy = new CardProfileUpdater(new CardProfileConfig(64, 256, Duration.ofDays(1)));
        CardProfile profile = CardProfile.empty();
        Instant start = Instant.parse("2026-01-10T00:00:00Z");
        for (int i = 0; i < BUSY_CARD_TRANSACTIONS; i++) {
            profile = roomy.apply(profile, TestTransactions.at(start.plusSeconds(37L * i).toString())
                    .setMerchantId("a-merchant-with-a-long-identifier-" + i).setCountry("C" + i % 64)
                    .setAmountMinor(1_000_000L * i).build());
        }

        byte[] bytes = serde.serializer().serialize("store", profile);

        assertThat(bytes.length).isGreaterThan(BUSY_CARD_MIN_BYTES);
        assertThat(serde.deserializer().deserialize("store", bytes)).isEqualTo(profile);
    }

    @Test
    void emptyProfileRoundTripsAndNullStaysNull() {
        assertThat(serde.deserializer().deserialize("s", serde.serializer().serialize("s", CardProfile.empty())))
                .isEqualTo(CardProfile.empty());
        assertThat(serde.serializer().serialize("s", null)).isNull();
        assertThat(serde.deserializer().deserialize("s", null)).isNull();
    }

    @Test
    void unknownFormatVersionIsRejectedClearly() {
        byte[] bytes = CardProfileSerde.encode(CardProfile.empty());
        bytes[0] = 9;

        assertThatThrownBy(() -> serde.deserializer().deserialize("s", bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("format version 9");
    }

    @Test
    void truncatedPayloadIsRejectedClearly() {
        byte[] bytes = CardProfileSerde.encode(updater.apply(CardProfile.empty(),
                TestTransactions.at("2026-01-10T12:00:00Z").build()));

        assertThatThrownBy(() -> serde.deserializer().deserialize("s", Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Corrupt CardProfile");
        assertThatThrownBy(() -> serde.deserializer().deserialize("s", new byte[0]))
                .isInstanceOf(SerializationException.class);
    }
}
