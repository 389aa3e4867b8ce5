package io.riskstream.load;

/** The app's input of card transactions (docs/contract.md), keyed by cardId. */
final class TransactionsTopic {

    static final String NAME = "transactions";

    private TransactionsTopic() {
    }
}
