package io.riskstream.fraud;

import io.riskstream.events.Transaction;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Transactions for tests: a v1-style POS purchase in NL of 10.00 EUR, with what a test changes. */
final class TestTransactions {

    private static final AtomicLong IDS = new AtomicLong();

    private TestTransactions() {
    }

    static Transaction.Builder at(String isoTime) {
        return Transaction.newBuilder()
                .setTransactionId("tx-" + IDS.incrementAndGet())
                .setCardId("card-1")
                .setAccountId("account-1")
                .setAmountMinor(1000)
                .setCurrency("EUR")
                .setMerchantId("merchant-1")
                .setMerchantCategory("5411")
                .setCountry("NL")
                .setChannel("POS")
                .setEventTime(Instant.parse(isoTime))
                .setDeviceId(null)
                .setIpCountry(null);
    }
}
