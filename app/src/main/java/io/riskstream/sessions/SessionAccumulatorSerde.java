package io.riskstream.sessions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** The changelogged form of a {@link SessionAccumulator}: a format byte, then its fields. */
final class SessionAccumulatorSerde implements Serde<SessionAccumulator> {

    static final byte FORMAT = 1;

    @Override
    public Serializer<SessionAccumulator> serializer() {
        return (topic, session) -> session == null ? null : write(session);
    }

    @Override
    public Deserializer<SessionAccumulator> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    private static byte[] write(SessionAccumulator session) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(session.start());
            out.writeLong(session.end());
            out.writeLong(session.events());
            out.writeLong(session.pageViews());
            out.writeLong(session.addedMinor());
            out.writeLong(session.removedMinor());
            out.writeBoolean(session.checkedOut());
        } catch (IOException e) {
            throw new SerializationException(e);
        }
        return bytes.toByteArray();
    }

    private static SessionAccumulator read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new SerializationException("unknown shopping session format " + format);
            }
            return new SessionAccumulator(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                    in.readLong(), in.readBoolean());
        } catch (IOException e) {
            throw new SerializationException("a shopping session that cannot be read", e);
        }
    }
}
