package io.riskstream.platform.state;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/** The frozen encodings of earlier builds (test resources {@code state-formats/}), and checks every format shares. */
public final class StateFixtures {

    private StateFixtures() {
    }

    /** The bytes of a frozen encoding, e.g. {@code "card-profile.v1.hex"}. */
    public static byte[] frozen(String name) {
        try (InputStream in = StateFixtures.class.getResourceAsStream("/state-formats/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no frozen encoding " + name);
            }
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a build one version ahead of {@code serde} would write, refused as such. */
    public static <T> void refusesTheNextVersion(Serde<T> serde, T value) {
        byte[] bytes = serde.serializer().serialize("store", value);
        int next = bytes[0] + 1;
        bytes[0] = (byte) next;

        assertThatThrownBy(() -> serde.deserializer().deserialize("store", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("version " + next + ", which this build does not read")
                .hasMessageContaining("newer build");
    }
}
