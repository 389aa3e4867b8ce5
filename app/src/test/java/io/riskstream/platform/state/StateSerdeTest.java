package io.riskstream.platform.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.WithNull;

class StateSerdeTest {

    /** A value whose layout changed: version 1 wrote a name, version 2 a name and a count. */
    record Named(String name, long count) {
    }

    private static final StateSerde<Named> SERDE = new StateSerde<>("named", 2,
            (named, out) -> {
                out.writeString(named.name());
                out.writeVarLong(named.count());
            },
            Map.of(1, in -> new Named(in.readString(), 0),
                    2, in -> new Named(in.readString(), in.readVarLong())));

    @Test
    void writesTheVersionByteThenTheLayout() {
        assertThat(SERDE.encode(new Named("a", -1))).containsExactly(2, 2, 'a', 1);
    }

    @Test
    void readsAnOlderVersionWithItsOwnLayout() {
        assertThat(SERDE.decode(new byte[] {1, 2, 'a'})).isEqualTo(new Named("a", 0));
    }

    @Test
    void aNewerVersionIsRefusedSayingWhichVersionsThisBuildReads() {
        assertThatThrownBy(() -> SERDE.decode(new byte[] {3, 2, 'a'}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("named state of version 3, which this build does not read")
                .hasMessageContaining("versions 1 2");
        StateFixtures.refusesTheNextVersion(SERDE, new Named("b", 7));
    }

    @Test
    void emptyTruncatedAndOverlongValuesAreCorrupt() {
        byte[] bytes = SERDE.encode(new Named("abc", 300));

        assertThatThrownBy(() -> SERDE.decode(new byte[0])).isInstanceOf(SerializationException.class)
                .hasMessageContaining("Empty named");
        assertThatThrownBy(() -> SERDE.decode(Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Corrupt named");
        assertThatThrownBy(() -> SERDE.decode(Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("1 trailing bytes");
        assertThatThrownBy(() -> SERDE.decode(new byte[] {2, 100, 'a'}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("bad string length 50");
    }

    @Test
    void nullStaysNull() {
        assertThat(SERDE.serializer().serialize("t", null)).isNull();
        assertThat(SERDE.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void aFormatMustReadTheVersionItWrites() {
        assertThatThrownBy(() -> new StateSerde<Named>("named", 2, (named, out) -> { },
                Map.of(1, in -> new Named("", 0)))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Texts in state come from decoded input, so they have no lone surrogates (UTF-8 cannot carry those). */
    @Property(tries = 200)
    void primitivesReadBackAsWritten(@ForAll long number, @ForAll double fraction, @ForAll boolean flag,
                                     @ForAll @WithNull @CharRange(from = ' ', to = '\uD7FF') String text,
                                     @ForAll @WithNull @LongRange(min = -62_135_596_800_000L,
                                             max = 253_402_300_799_999L) Long millis) {
        Instant time = millis == null ? null : Instant.ofEpochMilli(millis);
        StateWriter out = new StateWriter();
        out.writeVarLong(number);
        out.writeDouble(fraction);
        out.writeBoolean(flag);
        out.writeString(text);
        out.writeInstant(time);
        StateReader in = new StateReader(java.nio.ByteBuffer.wrap(out.toByteArray()));

        assertThat(List.of(in.readVarLong(), in.readDouble(), in.readBoolean())).isEqualTo(
                List.of(number, fraction, flag));
        assertThat(in.readString()).isEqualTo(text);
        assertThat(in.readInstant()).isEqualTo(time);
        assertThat(in.remaining()).isZero();
    }

    /** Layouts from before this format were written with DataOutputStream; their readers use these. */
    @Property(tries = 200)
    void legacyPrimitivesReadWhatDataOutputStreamWrote(@ForAll long number, @ForAll int count, @ForAll boolean flag,
                                                       @ForAll String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(number);
            out.writeInt(count);
            out.writeBoolean(flag);
            out.writeUTF(text);
        }
        StateReader in = new StateReader(java.nio.ByteBuffer.wrap(bytes.toByteArray()));

        assertThat(in.readFixedLong()).isEqualTo(number);
        assertThat(in.readFixedInt()).isEqualTo(count);
        assertThat(in.readLooseBoolean()).isEqualTo(flag);
        assertThat(in.readModifiedUtf8()).isEqualTo(text);
        assertThat(in.remaining()).isZero();
    }
}
