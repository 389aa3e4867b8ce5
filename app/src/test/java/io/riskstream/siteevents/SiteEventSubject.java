package io.riskstream.siteevents;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.apache.kafka.common.serialization.Serde;

import io.riskstream.events.SiteEvent;
import io.riskstream.events.Transaction;
import io.riskstream.platform.HostileInputs;
import io.riskstream.platform.TestAvroSerde;

/** Generated site events for the property tests of both streams that read {@code site-events}. */
public final class SiteEventSubject {

    public static final Serde<SiteEvent> EVENTS = TestAvroSerde.of(SiteEvent.class);
    public static final List<String> PAGES = List.of("/", "/shoes", "/bags", "/cart", "/help", "/sale", "/new", "/faq");
    static final List<String> TYPES = List.of("PAGE_VIEW", "PAGE_VIEW", "PAGE_VIEW", "ADD_TO_CART", "REMOVE_FROM_CART",
            "CHECKOUT", "WISHLIST_ADD");

    private SiteEventSubject() {
    }

    /** Site events of every type; with {@code pageViewsOnly}, only page views. */
    public static HostileInputs.Subject<SiteEvent> of(boolean pageViewsOnly, Instant now) {
        return new HostileInputs.Subject<>(
                (i, time, random) -> event(i, time, random, pageViewsOnly),
                SiteEvent::getUserId,
                event -> SiteEvent.newBuilder(event).setUserId(event.getUserId() + "-\u00fc\uD83D\uDE00\u200F")
                        .setPage("/caf\u00e9/\uD83D\uDE00").build(),
                List.of(
                        event -> SiteEvent.newBuilder(event).setEventId("").build(),
                        event -> SiteEvent.newBuilder(event).setEventId("ev\uFFFD").build(),
                        event -> SiteEvent.newBuilder(event).setUserId("").build(),
                        event -> SiteEvent.newBuilder(event).setPage(" ").build(),
                        event -> SiteEvent.newBuilder(event).setPage("/" + "x".repeat(3000)).build(),
                        event -> SiteEvent.newBuilder(event).setType("PAGE_\u0007VIEW").build(),
                        event -> SiteEvent.newBuilder(event).setType("ADD_TO_CART").setAmountMinor(null).build(),
                        event -> SiteEvent.newBuilder(event).setType("REMOVE_FROM_CART").setAmountMinor(-5L).build()),
                Transaction.newBuilder().setTransactionId("t").setCardId("user-1").setAccountId("a").setAmountMinor(1)
                        .setCurrency("EUR").setMerchantId("m").setMerchantCategory("5411").setCountry("DE")
                        .setChannel("POS").setEventTime(now).build(),
                EVENTS);
    }

    private static SiteEvent event(int i, Instant time, Random random, boolean pageViewsOnly) {
        String type = pageViewsOnly ? "PAGE_VIEW" : TYPES.get(random.nextInt(TYPES.size()));
        boolean cart = type.equals("ADD_TO_CART") || type.equals("REMOVE_FROM_CART");
        return SiteEvent.newBuilder()
                .setEventId("ev-" + i)
                .setUserId("user-" + random.nextInt(8))
                .setType(type)
                .setPage(PAGES.get(random.nextInt(PAGES.size())))
                .setAmountMinor(cart ? 100L + random.nextInt(10_000) : null)
                .setEventTime(time)
                .build();
    }
}
