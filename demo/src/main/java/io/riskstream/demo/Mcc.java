package io.riskstream.demo;

import java.util.Arrays;
import java.util.List;

/** Merchant categories (ISO-18245) of the demo, with how much a purchase there costs relative to a card's usual. */
enum Mcc {

    GROCERY("5411", 1.0, 30),
    RESTAURANT("5812", 0.8, 20),
    FUEL("5541", 1.5, 12),
    RETAIL("5999", 1.3, 15),
    TRANSIT("4111", 0.1, 15),
    ELECTRONICS("5732", 6.0, 3),
    DIGITAL_GOODS("5815", 0.3, 0),
    ATM_CASH("6011", 3.0, 0),
    GAMBLING("7995", 1.0, 0),
    QUASI_CASH("6051", 1.0, 0),
    MONEY_TRANSFER("4829", 1.0, 0);

    /** Where a card's usual purchases in shops happen. */
    static final List<Mcc> IN_STORE = Arrays.stream(values()).filter(m -> m.inStoreWeight > 0).toList();
    /** Online shops. */
    static final List<Mcc> ONLINE = List.of(RETAIL, ELECTRONICS, DIGITAL_GOODS);
    /** Where stolen money goes: a first purchase here, far above the usual, is a classic cash-out. */
    static final List<Mcc> RISKY = List.of(GAMBLING, QUASI_CASH, MONEY_TRANSFER);

    final String code;
    /** A typical purchase here, as a multiple of the card's typical amount. */
    final double amountScale;
    /** Relative share of in-store purchases; 0 for categories a card does not use in a shop. */
    final int inStoreWeight;

    Mcc(String code, double amountScale, int inStoreWeight) {
        this.code = code;
        this.amountScale = amountScale;
        this.inStoreWeight = inStoreWeight;
    }

    static Weighted<Mcc> inStore() {
        return new Weighted<>(IN_STORE, IN_STORE.stream().map(m -> (double) m.inStoreWeight).toList());
    }
}
