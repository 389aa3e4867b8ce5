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
 * and times are varints, so a quiet card takes a few dozen bytes.
 */
public final class CardProfileSerde extends StateSerde<CardProfile> {

    static final int V1 = 1;

    public CardProfileSerde() {
        super("card profile", V1, CardProfileSerde::writeV1, Map.of(V1, CardProfileSerde::readV1));
    }

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
                homeCountry);
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
