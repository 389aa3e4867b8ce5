package io.riskstream.fraud;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The binary form of a {@link CardProfile} in a changelogged state store. Version 1 layout: the format
 * version byte, the amount statistics (count, mean, M2), first-seen and last time (epoch millis, 0 flag
 * for absent), last and home country, the three horizons' buckets, then the recent countries and
 * merchants. Counts, bucket numbers and times are zig-zag varints, so a quiet card takes a few dozen
 * bytes. A new layout gets a new version byte, and this class keeps reading the old ones.
 */
public final class CardProfileSerde implements Serde<CardProfile> {

    static final byte FORMAT_V1 = 1;

    @Override
    public Serializer<CardProfile> serializer() {
        return (topic, profile) -> profile == null ? null : encode(profile);
    }

    @Override
    public Deserializer<CardProfile> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }

    static byte[] encode(CardProfile profile) {
        BinaryWriter out = new BinaryWriter();
        out.writeByte(FORMAT_V1);
        out.writeVarLong(profile.amounts.count());
        out.writeDouble(profile.amounts.mean());
        out.writeDouble(profile.amounts.m2());
        out.writeInstant(profile.firstSeen);
        out.writeInstant(profile.lastEventTime);
        out.writeString(profile.lastCountry);
        out.writeString(profile.homeCountry);
        for (SlidingCounter counter : List.of(profile.lastMinute, profile.lastHour, profile.lastDay)) {
            out.writeVarLong(counter.size());
            for (int i = 0; i < counter.size(); i++) {
                out.writeVarLong(counter.bucketId(i));
                out.writeVarLong(counter.count(i));
                out.writeVarLong(counter.sum(i));
            }
        }
        for (RecentValues recent : List.of(profile.countries, profile.merchants)) {
            out.writeVarLong(recent.values().size());
            for (RecentValues.Seen seen : recent.values()) {
                out.writeString(seen.value());
                out.writeVarLong(seen.atMillis());
            }
        }
        return out.toByteArray();
    }

    static CardProfile decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new SerializationException("Empty CardProfile payload");
        }
        if (bytes[0] != FORMAT_V1) {
            throw new SerializationException("Unknown CardProfile format version " + bytes[0]
                    + " (this build reads version " + FORMAT_V1 + ")");
        }
        try {
            return decodeV1(new BinaryReader(ByteBuffer.wrap(bytes, 1, bytes.length - 1)));
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new SerializationException("Corrupt CardProfile payload (" + bytes.length + " bytes): " + e, e);
        }
    }

    private static CardProfile decodeV1(BinaryReader in) {
        AmountStats amounts = new AmountStats(in.readVarLong(), in.readDouble(), in.readDouble());
        Instant firstSeen = in.readInstant();
        Instant last = in.readInstant();
        String lastCountry = in.readString();
        String homeCountry = in.readString();
        SlidingCounter minute = readCounter(in, Horizon.ONE_MINUTE);
        SlidingCounter hour = readCounter(in, Horizon.ONE_HOUR);
        SlidingCounter day = readCounter(in, Horizon.ONE_DAY);
        RecentValues countries = readRecent(in);
        RecentValues merchants = readRecent(in);
        if (in.remaining() != 0) {
            throw new IllegalArgumentException(in.remaining() + " trailing bytes");
        }
        return new CardProfile(amounts, minute, hour, day, countries, merchants, firstSeen, last, lastCountry,
                homeCountry);
    }

    private static SlidingCounter readCounter(BinaryReader in, Horizon horizon) {
        int size = in.readSize(horizon.buckets());
        long[] ids = new long[size];
        long[] counts = new long[size];
        long[] sums = new long[size];
        for (int i = 0; i < size; i++) {
            ids[i] = in.readVarLong();
            counts[i] = in.readVarLong();
            sums[i] = in.readVarLong();
        }
        return new SlidingCounter(horizon, ids, counts, sums);
    }

    private static RecentValues readRecent(BinaryReader in) {
        int size = in.readSize(Integer.MAX_VALUE);
        List<RecentValues.Seen> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(new RecentValues.Seen(in.readString(), in.readVarLong()));
        }
        return new RecentValues(values);
    }
}
