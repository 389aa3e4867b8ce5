package io.riskstream.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The web shop's pages and the prices of its products. Browsing follows a Zipf-like popularity: the home page
 * first, then search, then the products in an order of popularity that has nothing to do with their numbers.
 */
final class Catalog {

    /** The shop's one currency: every price, in its minor units. */
    static final String CURRENCY = "EUR";
    static final String HOME = "/";
    static final String SEARCH = "/search";
    static final String CART = "/cart";
    static final String CHECKOUT = "/checkout";
    static final String PRODUCT = "/product/";
    static final int PRODUCTS = 200;
    /** Web page popularity is close to Zipf's law with an exponent a little above 1. */
    static final double ZIPF_EXPONENT = 1.1;
    /** Products cost around 25 euros, most of them between 5 and 125. */
    static final double MEDIAN_PRICE_MINOR = 2_500;
    static final double PRICE_SPREAD = 0.8;

    private final Weighted<String> browsing;
    private final Map<String, Long> prices = new HashMap<>();

    Catalog(RandomGenerator random) {
        List<String> products = new ArrayList<>(PRODUCTS);
        for (int n = 1; n <= PRODUCTS; n++) {
            String page = PRODUCT + n;
            products.add(page);
            prices.put(page, Math.round(MEDIAN_PRICE_MINOR * Math.exp(PRICE_SPREAD * random.nextGaussian())));
        }
        for (int i = products.size() - 1; i > 0; i--) {
            products.set(i, products.set(random.nextInt(i + 1), products.get(i)));
        }
        List<String> byRank = new ArrayList<>(List.of(HOME, SEARCH));
        byRank.addAll(products);
        this.browsing = Weighted.zipf(byRank, ZIPF_EXPONENT);
    }

    /** The next page a browsing shopper opens. */
    String browse(RandomGenerator random) {
        return browsing.pick(random);
    }

    boolean isProduct(String page) {
        return page != null && page.startsWith(PRODUCT);
    }

    /** The price of the product of {@code page}, in minor units. */
    long price(String page) {
        return prices.get(page);
    }
}
