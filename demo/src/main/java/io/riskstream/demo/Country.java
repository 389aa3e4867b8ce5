package io.riskstream.demo;

import java.util.Arrays;
import java.util.List;

/**
 * Countries of the demo: the homes of cards and users, weighted like the customer base of a European bank
 * with some US customers, and far-away destinations that no customer lives in.
 */
enum Country {

    DE("EUR", 20, Region.EUROPE, 1.0),
    GB("GBP", 15, Region.EUROPE, 0.85),
    FR("EUR", 14, Region.EUROPE, 1.0),
    US("USD", 11, Region.NORTH_AMERICA, 1.08),
    ES("EUR", 9, Region.EUROPE, 1.0),
    IT("EUR", 9, Region.EUROPE, 1.0),
    NL("EUR", 7, Region.EUROPE, 1.0),
    PL("PLN", 5, Region.EUROPE, 4.3),
    SE("SEK", 4, Region.EUROPE, 11.5),
    CH("CHF", 3, Region.EUROPE, 0.95),
    IE("EUR", 3, Region.EUROPE, 1.0),
    BR("BRL", 0, Region.LATIN_AMERICA, 5.8),
    MX("MXN", 0, Region.LATIN_AMERICA, 19.0),
    SG("SGD", 0, Region.ASIA_PACIFIC, 1.45),
    AU("AUD", 0, Region.ASIA_PACIFIC, 1.65),
    TH("THB", 0, Region.ASIA_PACIFIC, 38.0),
    ZA("ZAR", 0, Region.AFRICA, 20.0),
    NG("NGN", 0, Region.AFRICA, 1600.0),
    AE("AED", 0, Region.MIDDLE_EAST, 4.0);

    enum Region { EUROPE, NORTH_AMERICA, LATIN_AMERICA, ASIA_PACIFIC, AFRICA, MIDDLE_EAST }

    /** ISO-4217 code of the local currency; every one of them has two minor digits. */
    final String currency;
    /** Relative share of customers living here; 0 for destinations only. */
    final int homeWeight;
    final Region region;
    /** Units of the local currency for one euro, so that amounts look alike in every currency. */
    final double unitsPerEuro;

    Country(String currency, int homeWeight, Region region, double unitsPerEuro) {
        this.currency = currency;
        this.homeWeight = homeWeight;
        this.region = region;
        this.unitsPerEuro = unitsPerEuro;
    }

    /** Where customers live, by share. */
    static Weighted<Country> homes() {
        List<Country> homes = Arrays.stream(values()).filter(c -> c.homeWeight > 0).toList();
        return new Weighted<>(homes, homes.stream().map(c -> (double) c.homeWeight).toList());
    }

    /** Countries on another continent: no one can be there minutes after being here. */
    List<Country> farAway() {
        return Arrays.stream(values()).filter(c -> c.region != region).toList();
    }

    /** Every country but this one. */
    List<Country> others() {
        return Arrays.stream(values()).filter(c -> c != this).toList();
    }

    /** The ISO-3166 alpha-2 code. */
    String code() {
        return name();
    }
}
