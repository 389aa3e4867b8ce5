package io.riskstream.rules;

/** What a scored event gets, in order of severity: when several threshold rules decide, the most severe wins. */
public enum Decision {
    APPROVE, REVIEW, DECLINE;

    Decision mostSevere(Decision other) {
        return other == null || compareTo(other) >= 0 ? this : other;
    }
}
