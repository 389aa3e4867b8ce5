package io.riskstream.fraud;

/**
 * What a scored transaction gets, in order of severity: when several threshold rules decide, the most severe
 * wins. Threshold rules name it ({@code scorecard.decide(Decision.DECLINE)}), so a misspelt decision is a compile
 * error at publication, not a failed rule in production.
 */
public enum Decision {
    APPROVE, REVIEW, DECLINE;

    Decision mostSevere(Decision other) {
        return other == null || compareTo(other) >= 0 ? this : other;
    }
}
