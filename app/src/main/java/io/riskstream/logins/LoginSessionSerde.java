package io.riskstream.logins;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SortedSet;
import java.util.TreeSet;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** The changelogged form of a {@link LoginSession}: a format byte, then counts and country codes. */
final class LoginSessionSerde implements Serde<LoginSession> {

    static final byte FORMAT = 1;

    @Override
    public Serializer<LoginSession> serializer() {
        return (topic, session) -> session == null ? null : write(session);
    }

    @Override
    public Deserializer<LoginSession> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    private static byte[] write(LoginSession session) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(session.logins());
            writeSet(out, session.countries());
            writeSet(out, session.alertedCountries());
        } catch (IOException e) {
            throw new SerializationException(e);
        }
        return bytes.toByteArray();
    }

    private static LoginSession read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new SerializationException("unknown login session format " + format);
            }
            long logins = in.readLong();
            return new LoginSession(readSet(in), readSet(in), logins);
        } catch (IOException e) {
            throw new SerializationException("a login session that cannot be read", e);
        }
    }

    private static void writeSet(DataOutputStream out, SortedSet<String> set) throws IOException {
        out.writeInt(set.size());
        for (String value : set) {
            out.writeUTF(value);
        }
    }

    private static SortedSet<String> readSet(DataInputStream in) throws IOException {
        int size = in.readInt();
        SortedSet<String> set = new TreeSet<>();
        for (int i = 0; i < size; i++) {
            set.add(in.readUTF());
        }
        return set;
    }
}
