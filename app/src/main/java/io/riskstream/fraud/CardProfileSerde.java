package io.riskstream.fraud;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.riskstream.platform.state.StateReader;
import io.riskstream.platform.state.StateSerde;
import io.riskstream.platform.state.StateWriter;

/**
 * The binary form of a {@link CardProfile} in a changelogged state store. Version 1: the amount statistics
 * (count, mean, M2), first-seen and last time, last and home country, the three horizons' buckets (bucket
 * number, count, sum), then the recent countries and merchants with when each was seen. Counts, bucket numbers
 * and times are varints, so a quiet card takes a few dozen bytes. Version 2 (#12, when the card's recent
 * transaction ids moved into its state): version 1's layout, then those ids, each with its event time as the
 * difference from the card's last time, then a flag and the newest event time of an id left in
 * {@code seen-transactions}. A version 1 card kept all its ids in {@code seen-transactions}, so it reads as one
 * whose ids up to its last time may be there.
 */
public final class CardProfileSerde extends StateSerde<CardProfile> {

    static final int V1 = 1;
    static final int V2 = 2;

    /** Writes the current version, 2. */
    public CardProfileSerde() {
        this(V2);
    }

    /**
     * Writes {@code version}: 1 only while builds from before #12 still run beside this one (a rolling upgrade), with
     * every transaction id in {@code seen-transactions} ({@link FraudSettings#cardTransactionIds()} 0), since version 1
     * keeps none.
     */
    CardProfileSerde(int version) {
        super("card profile", version, version == V1 ? CardProfileSerde::writeV1 : CardProfileSerde::writeV2,
                Map.of(V1, CardProfileSerde::readV1, V2, CardProfileSerde::readV2));
    }

    private static void writeV2(CardProfile profile, StateWriter out) {
        writeV1(profile, out);
        long base = timeBase(profile);
        RecentTransactionIds recent = profile.transactionIds;
        out.writeVarLong(recent.ids().size());
        for (RecentTransactionIds.Taken taken : recent.ids()) {
            out.writeString(taken.id());
            out.writeVarLong(base - taken.atMillis());
        }
        boolean spilled = recent.spilledUpTo() != RecentTransactionIds.NONE;
        out.writeBoolean(spilled);
        if (spilled) {
            out.writeVarLong(recent.spilledUpTo());
        }
    }

    private static CardProfile readV2(StateReader in) {
        CardProfile profile = readV1Fields(in);
        long base = timeBase(profile);
        int size = in.readSize(Integer.MAX_VALUE);
        List<RecentTransactionIds.Taken> ids = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            ids.add(new RecentTransactionIds.Taken(in.readString(), base - in.readVarLong()));
        }
        long spilledUpTo = in.readBoolean() ? in.readVarLong() : RecentTransactionIds.NONE;
        return profile.withTransactionIds(new RecentTransactionIds(ids, spilledUpTo));
    }

    /** Ids' times are written as their distance back from the card's last time: a few bytes instead of six. */
    private static long timeBase(CardProfile profile) {
        return profile.lastEventTime == null ? 0 : profile.lastEventTime.toEpochMilli();
    }

    /** Version 1 has no transaction ids: written only by a card that keeps none (see the constructor). */
    private static void writeV1(CardProfile profile, StateWriter out) {
        out.writeVarLong(profile.amounts.count());
        out.writeDouble(profile.amounts.mean());
        out.writeDouble(profile.amounts.m2());
        out.writeInstant(profile.firstSeen);
        out.writeInstant(profile.lastEventTime);
        out.writeString(profile.lastCountry);
        out.writeString(profile.homeCountry);
        writeCounter(out, profile.lastMinute);
        writeCounter(out, profile.lastHour);
        writeCounter(out, profile.lastDay);
        writeRecent(out, profile.countries);
        writeRecent(out, profile.merchants);
    }

    private static void writeCounter(StateWriter out, SlidingCounter counter) {
        out.writeVarLong(counter.size());
        for (int i = 0; i < counter.size(); i++) {
            out.writeVarLong(counter.bucketId(i));
            out.writeVarLong(counter.count(i));
            out.writeVarLong(counter.sum(i));
        }
    }

    private static void writeRecent(StateWriter out, RecentValues recent) {
        out.writeVarLong(recent.values().size());
        for (RecentValues.Seen seen : recent.values()) {
            out.writeString(seen.value());
            out.writeVarLong(seen.atMillis());
        }
    }

    private static CardProfile readV1(StateReader in) {
        CardProfile profile = readV1Fields(in);
        return profile.lastEventTime == null ? profile : profile.withTransactionIds(
                new RecentTransactionIds(List.of(), profile.lastEventTime.toEpochMilli()));
    }

    private static CardProfile readV1Fields(StateReader in) {
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
        return new CardProfile(amounts, minute, hour, day, countries, merchants, firstSeen, last, lastCountry,
                homeCountry, RecentTransactionIds.EMPTY);
    }

    private static SlidingCounter readCounter(StateReader in, Horizon horizon) {
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

    private static RecentValues readRecent(StateReader in) {
        int size = in.readSize(Integer.MAX_VALUE);
        List<RecentValues.Seen> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(new RecentValues.Seen(in.readString(), in.readVarLong()));
        }
        return new RecentValues(values);
    }
}
