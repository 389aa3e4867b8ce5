package io.riskstream.demo;

/**
 * The input topics the demo writes, named as in the contract (docs/contract.md). The demo stands where an
 * upstream system would, outside the app, so it names them itself; a test holds them to the schema catalog.
 */
final class DemoTopics {

    static final String TRANSACTIONS = "transactions";
    static final String LOGINS = "logins";
    static final String SITE_EVENTS = "site-events";

    private DemoTopics() {
    }
}
