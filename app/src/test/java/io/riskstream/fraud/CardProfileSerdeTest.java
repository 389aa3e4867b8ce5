package io.riskstream.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class CardProfileSerdeTest {

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
