package io.riskstream.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import io.riskstream.events.SiteEvent;

/**
 * One visit of a shopper: browsing pages, putting products into the cart and taking some out again, and at the
 * end either checking out (a view of the cart, then {@code CHECKOUT}) or just leaving.
 *
 * <p>A cart event's {@code amountMinor} is always positive; the type says the direction: {@code ADD_TO_CART}
 * carries the price of what was added, {@code REMOVE_FROM_CART} the price of what was taken out. The cart's
 * value is the added minus the removed amounts, and never drops below zero. Amounts are in the shop's
 * {@link Catalog#CURRENCY}, which every cart event names.
 */
final class ShoppingSession {

    static final int MIN_BROWSING = 3;
    static final int MAX_BROWSING = 30;
    /** On a product page, the share of next steps that put it into the cart. */
    static final double ADD_SHARE = 0.25;
    /** With a full cart, the share of next steps that take something out. */
    static final double REMOVE_SHARE = 0.08;
    /** Shoppers with a full cart at the end who check out; the others abandon it. */
    static final double CHECKOUT_SHARE = 0.6;
    static final int MAX_QUANTITY = 3;

    private final String userId;
    private final Catalog catalog;
    private final RandomGenerator random;
    private final List<Long> cart = new ArrayList<>();
    private String page;
    private int browsingLeft;
    private boolean checkingOut;
    private boolean finished;

    ShoppingSession(String userId, Catalog catalog, RandomGenerator random) {
        this.userId = userId;
        this.catalog = catalog;
        this.random = random;
        this.browsingLeft = random.nextInt(MIN_BROWSING, MAX_BROWSING + 1);
    }

    String userId() {
        return userId;
    }

    /** Whether the shopper has gone: no event is to follow. */
    boolean finished() {
        return finished;
    }

    SiteEvent next(String eventId, Instant at) {
        if (checkingOut) {
            finished = true;
            return event(eventId, "CHECKOUT", Catalog.CHECKOUT, null, at);
        }
        if (--browsingLeft == 0) {
            if (!cart.isEmpty() && random.nextDouble() < CHECKOUT_SHARE) {
                checkingOut = true;
                page = Catalog.CART;
                return event(eventId, "PAGE_VIEW", page, null, at);
            }
            finished = true;
        }
        double step = random.nextDouble();
        if (catalog.isProduct(page) && step < ADD_SHARE) {
            long amount = catalog.price(page) * random.nextInt(1, MAX_QUANTITY + 1);
            cart.add(amount);
            return event(eventId, "ADD_TO_CART", page, amount, at);
        }
        if (!cart.isEmpty() && step > 1 - REMOVE_SHARE) {
            long amount = cart.remove(random.nextInt(cart.size()));
            return event(eventId, "REMOVE_FROM_CART", Catalog.CART, amount, at);
        }
        page = catalog.browse(random);
        return event(eventId, "PAGE_VIEW", page, null, at);
    }

    private SiteEvent event(String eventId, String type, String page, Long amountMinor, Instant at) {
        return SiteEvent.newBuilder()
                .setEventId(eventId)
                .setUserId(userId)
                .setType(type)
                .setPage(page)
                .setAmountMinor(amountMinor)
                .setCurrency(amountMinor == null ? null : Catalog.CURRENCY)
                .setEventTime(at)
                .build();
    }
}
