package io.riskstream.siteevents;

/** The {@code SiteEvent.type} values the app acts on; any other value is a valid event that is ignored. */
public final class SiteEventTypes {

    public static final String PAGE_VIEW = "PAGE_VIEW";
    public static final String ADD_TO_CART = "ADD_TO_CART";
    public static final String REMOVE_FROM_CART = "REMOVE_FROM_CART";
    public static final String CHECKOUT = "CHECKOUT";

    private SiteEventTypes() {
    }

    public static boolean isCartChange(String type) {
        return ADD_TO_CART.equals(type) || REMOVE_FROM_CART.equals(type);
    }
}
