package io.riskstream.fraud;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.riskstream.events.Transaction;
import io.riskstream.rules.engine.CaseFacts;

/**
 * The facts of a fraud rule test case: the {@code transaction}, and the card's state built honestly by
 * replaying its {@code history} (prior transactions, oldest first) through the {@link CardProfileUpdater}.
 * A history entry is transaction fields plus, instead of an {@code eventTime}, {@code ago} (an ISO-8601
 * duration before the transaction), and optionally {@code repeat: n} copies {@code every} a duration
 * apart from there on.
 */
public final class FraudCaseFacts implements CaseFacts {

    private static final Set<String> GIVEN_KEYS = Set.of("transaction", "history");
    private static final String AGO = "ago";
    private static final String REPEAT = "repeat";
    private static final String EVERY = "every";
    private static final Duration DEFAULT_EVERY = Duration.ofSeconds(1);

    private final CardProfileUpdater updater;

    public FraudCaseFacts(CardProfileUpdater updater) {
        this.updater = updater;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Object> facts(Map<String, Object> given, Map<String, Object> defaults) {
        for (String key : given.keySet()) {
            if (!GIVEN_KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' in given; allowed: " + GIVEN_KEYS);
            }
        }
        Transaction tx = TransactionFields.build("case-tx", defaults,
                (Map<String, Object>) given.getOrDefault("transaction", Map.of()));
        CardProfile profile = CardProfile.empty();
        int index = 0;
        for (Map<String, Object> entry : (List<Map<String, Object>>) given.getOrDefault("history", List.of())) {
            Map<String, Object> fields = new HashMap<>(entry);
            int repeat = ((Number) fields.getOrDefault(REPEAT, 1)).intValue();
            Duration every = duration(fields.getOrDefault(EVERY, DEFAULT_EVERY.toString()));
            Instant first = fields.containsKey(AGO) ? tx.getEventTime().minus(duration(fields.get(AGO)))
                    : TransactionFields.instant(fields.getOrDefault("eventTime", tx.getEventTime()));
            fields.keySet().removeAll(Set.of(AGO, REPEAT, EVERY));
            for (int i = 0; i < repeat; i++) {
                fields.put("eventTime", first.plus(every.multipliedBy(i)).toString());
                profile = updater.apply(profile, TransactionFields.build("history-" + ++index, defaults, fields));
            }
        }
        return List.of(tx, profile.snapshotAt(tx.getEventTime()));
    }

    private static Duration duration(Object value) {
        return Duration.parse(value.toString());
    }
}
