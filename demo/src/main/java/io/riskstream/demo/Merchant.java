package io.riskstream.demo;

import java.util.random.RandomGenerator;

/** A merchant: its id, its category and the country it trades in. */
record Merchant(String merchantId, Mcc category, Country country) {

    /** Merchants per category and country: few enough that cards meet at the same ones. */
    static final int PER_CATEGORY_AND_COUNTRY = 40;

    /** One of the merchants of {@code category} in {@code country}. */
    static Merchant any(Mcc category, Country country, RandomGenerator random) {
        String id = "m-%s-%s-%02d".formatted(country.code(), category.code, random.nextInt(PER_CATEGORY_AND_COUNTRY));
        return new Merchant(id, category, country);
    }
}
