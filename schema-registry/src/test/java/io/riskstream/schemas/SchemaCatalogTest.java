package io.riskstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import io.riskstream.events.Transaction;

/** The build fails here when a schema's newest version breaks its history under its subject's rule. */
class SchemaCatalogTest {

    private final SchemaCatalog catalog = SchemaCatalog.load();

    @Test
    void everySubjectsNewestVersionIsCompatibleWithItsHistory() {
        assertThat(catalog.subjects()).isNotEmpty().allSatisfy(subject ->
                assertThat(subject.problemsOfNewest()).as(subject.name()).isEmpty());
    }

    @Test
    void declaresEveryTopicValueOfTheContract() {
        assertThat(catalog.subjects()).extracting(Subject::topic).containsExactlyInAnyOrder(
                "transactions", "fraud-decisions", "fraud-alerts", "logins", "login-alerts",
                "login-alerts-late", "late-logins", "site-events", "top-pages", "session-summaries",
                "rulesets",
                "late-site-events", "late-page-views", "fraud-decisions-shadow");
    }

    @Test
    void transactionsAreFullTransitiveWithV1KeptAndV2Newest() {
        Subject transactions = catalog.forTopic("transactions");

        assertThat(transactions.compatibility()).isEqualTo(Compatibility.FULL_TRANSITIVE);
        assertThat(transactions.versions()).hasSize(2);
        assertThat(transactions.versions().get(0).getField("deviceId")).isNull();
        assertThat(transactions.newest()).isEqualTo(Transaction.getClassSchema());
    }

    @Test
    void rejectsATransactionWhoseAmountChangesType() {
        Schema amountAsString = transactionWith("amountMinor", "\"string\"", null);

        assertThat(catalog.forTopic("transactions").problemsOf(amountAsString))
                .isNotEmpty()
                .anySatisfy(problem -> assertThat(problem).contains("amountMinor"));
    }

    @Test
    void rejectsATransactionWithANewRequiredField() {
        Schema withRequiredField = transactionWith("terminalId", "\"string\"", null);

        assertThat(catalog.forTopic("transactions").problemsOf(withRequiredField))
                .anySatisfy(problem -> assertThat(problem).contains("READER_FIELD_MISSING_DEFAULT_VALUE"));
    }

    @Test
    void acceptsATransactionWithANewOptionalField() {
        Schema v3 = transactionWith("terminalId", "[\"null\", \"string\"]", "null");

        assertThat(catalog.forTopic("transactions").problemsOf(v3)).isEmpty();
    }

    @Test
    void backwardAllowsRemovingAFieldThatForwardForbids() {
        Schema before = record("{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"string\"}");
        Schema after = record("{\"name\":\"a\",\"type\":\"string\"}");

        assertThat(Compatibility.BACKWARD.problems(List.of(before), after)).isEmpty();
        assertThat(Compatibility.FORWARD.problems(List.of(before), after)).isNotEmpty();
        assertThat(Compatibility.NONE.problems(List.of(before), after)).isEmpty();
    }

    @Test
    void transitiveLevelsCompareAgainstEveryEarlierVersion() {
        Schema v1 = record("{\"name\":\"a\",\"type\":\"string\"}");
        Schema v2 = record("{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"string\",\"default\":\"\"}");
        Schema v3 = record("{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"string\"}");

        assertThat(Compatibility.BACKWARD.problems(List.of(v1, v2), v3)).isEmpty();
        assertThat(Compatibility.BACKWARD_TRANSITIVE.problems(List.of(v1, v2), v3)).isNotEmpty();
    }

    private static Schema transactionWith(String field, String type, String defaultJson) {
        String json = Transaction.getClassSchema().toString();
        String extra = "{\"name\":\"" + field + "\",\"type\":" + type
                + (defaultJson == null ? "" : ",\"default\":" + defaultJson) + "}";
        if (Transaction.getClassSchema().getField(field) != null) {
            Schema.Field old = Transaction.getClassSchema().getField(field);
            json = json.replace("{\"name\":\"" + field + "\",\"type\":\"" + old.schema().getType().getName() + "\"",
                    "{\"name\":\"" + field + "\",\"type\":" + type);
        } else {
            json = json.substring(0, json.lastIndexOf(']')) + "," + extra + "]}";
        }
        return new Schema.Parser().parse(json);
    }

    private static Schema record(String fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[" + fields + "]}");
    }
}
