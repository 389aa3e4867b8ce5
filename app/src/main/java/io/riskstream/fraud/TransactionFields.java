package io.riskstream.fraud;

import io.riskstream.events.Transaction;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Builds a {@link Transaction} from the field values of a rule test case (YAML scalars): every field
 * of the schema by its name, a built-in default for each required one, null for absent optional ones.
 */
final class TransactionFields {

    /** What a test transaction is unless its case or file says otherwise: a 10.00 EUR grocery purchase in NL. */
    static final Map<String, Object> BUILT_IN = Map.of(
            "cardId", "card-1",
            "accountId", "account-1",
            "amountMinor", 1000L,
            "currency", "EUR",
            "merchantId", "merchant-1",
            "merchantCategory", "5411",
            "country", "NL",
            "channel", "POS",
            "eventTime", "2026-01-10T12:00:00Z");

    private TransactionFields() {
    }

    static Transaction build(String transactionId, Map<String, Object> defaults, Map<String, Object> fields) {
        Map<String, Object> values = new LinkedHashMap<>(BUILT_IN);
        values.put("transactionId", transactionId);
        values.putAll(defaults);
        values.putAll(fields);
        Transaction tx = new Transaction();
        for (Map.Entry<String, Object> value : values.entrySet()) {
            Schema.Field field = Transaction.getClassSchema().getField(value.getKey());
            if (field == null) {
                throw new IllegalArgumentException("Transaction has no field '" + value.getKey() + "'");
            }
            tx.put(field.pos(), convert(field, value.getValue()));
        }
        return tx;
    }

    static Instant instant(Object value) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        return Instant.parse(value.toString());
    }

    private static Object convert(Schema.Field field, Object value) {
        if (value == null) {
            if (field.schema().getType() != Schema.Type.UNION) {
                throw new IllegalArgumentException("field '" + field.name() + "' must not be null");
            }
            return null;
        }
        return switch (field.name()) {
            case "amountMinor" -> ((Number) value).longValue();
            case "eventTime" -> instant(value);
            default -> value.toString();
        };
    }
}
