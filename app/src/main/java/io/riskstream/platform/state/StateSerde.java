package io.riskstream.platform.state;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The one encoding of state-store values and internal-topic values: a version byte, then that version's layout
 * in the primitives of {@link StateWriter}. A value writes the newest version this build knows and reads every
 * version it ever wrote; a version it does not know (a newer build wrote it) is refused with a
 * {@link SerializationException} that says so. Why not Avro, and how a layout changes: docs/architecture.md,
 * "State formats".
 *
 * @param <T> the value
 */
public class StateSerde<T> implements Serde<T> {

    /** How a value is written in the current version. */
    @FunctionalInterface
    public interface Writer<T> {
        void write(T value, StateWriter out);
    }

    /** How one version is read; whatever it leaves unread makes the value corrupt. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(StateReader in);
    }

    private static final int MAX_VERSION = Byte.MAX_VALUE;

    private final String name;
    private final int version;
    private final Writer<T> writer;
    private final Reader<T>[] readers;

    /**
     * @param name what the value is, for error messages ("card profile")
     * @param version the version written, from 1 to 127; {@code readers} must read it too
     * @param readers every version this build reads
     */
    @SuppressWarnings("unchecked")
    public StateSerde(String name, int version, Writer<T> writer, Map<Integer, Reader<T>> readers) {
        TreeMap<Integer, Reader<T>> byVersion = new TreeMap<>(readers);
        if (!byVersion.containsKey(version) || byVersion.firstKey() < 1 || byVersion.lastKey() > MAX_VERSION) {
            throw new IllegalArgumentException(name + " writes version " + version + " and reads " + byVersion.keySet()
                    + ": it must read what it writes, and versions go from 1 to " + MAX_VERSION);
        }
        this.name = name;
        this.version = version;
        this.writer = writer;
        this.readers = new Reader[byVersion.lastKey() + 1];
        byVersion.forEach((v, reader) -> this.readers[v] = reader);
    }

    @Override
    public final Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : encode(value);
    }

    @Override
    public final Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }

    public final byte[] encode(T value) {
        StateWriter out = new StateWriter();
        out.writeByte(version);
        writer.write(value, out);
        return out.toByteArray();
    }

    public final T decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new SerializationException("Empty " + name + " state value");
        }
        int written = bytes[0];
        if (written < 1 || written >= readers.length || readers[written] == null) {
            throw new SerializationException(name + " state of version " + written + ", which this build does not "
                    + "read (it reads " + readable() + "; it writes " + version + "): written by a newer build? "
                    + "See docs/operations.md, \"Upgrading and rolling back\"");
        }
        StateReader in = new StateReader(ByteBuffer.wrap(bytes, 1, bytes.length - 1));
        try {
            T value = readers[written].read(in);
            if (in.remaining() != 0) {
                throw new IllegalArgumentException(in.remaining() + " trailing bytes");
            }
            return value;
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new SerializationException("Corrupt " + name + " state value of version " + written + " ("
                    + bytes.length + " bytes): " + e, e);
        }
    }

    private String readable() {
        StringBuilder versions = new StringBuilder("versions");
        for (int v = 1; v < readers.length; v++) {
            if (readers[v] != null) {
                versions.append(' ').append(v);
            }
        }
        return versions.toString();
    }
}
