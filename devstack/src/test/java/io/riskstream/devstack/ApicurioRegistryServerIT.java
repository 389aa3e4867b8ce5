package io.riskstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.riskstream.schemas.RegistryHttp;
import io.riskstream.schemas.RegistryRules;
import io.riskstream.schemas.SchemaCatalog;
import io.riskstream.schemas.Subject;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApicurioRegistryServerIT {

    private static final String TRANSACTIONS = "transactions-value";
    private static final String VERSIONS = RegistryRules.ARTIFACTS + "/" + TRANSACTIONS + "/versions";

    private static ApicurioRegistryServer registry;
    private static RegistryHttp http;

    @BeforeAll
    static void startRegistryWithTheCatalogApplied() {
        registry = ApicurioRegistryServer.start();
        http = new RegistryHttp(registry.url());
        new RegistryRules(registry.url()).apply(SchemaCatalog.load());
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void transactionsKeepTheirHistoryUnderFullTransitiveCompatibility() {
        assertThat(rule(TRANSACTIONS, "COMPATIBILITY")).isEqualTo("FULL_TRANSITIVE");
        assertThat(rule(TRANSACTIONS, "VALIDITY")).isEqualTo("FULL");
        assertThat(versionCount()).isEqualTo(2);
    }

    @Test
    void everyCatalogSubjectBecomesAnArtifact() {
        JsonNode artifacts = http.get("/search/artifacts?limit=100");
        assertThat(artifacts.get("count").asInt()).isEqualTo(SchemaCatalog.load().subjects().size());
    }

    @Test
    void refusesAnIncompatibleTransactionVersion() {
        Map<String, String> headers = new HashMap<>(RegistryHttp.JSON);
        headers.put("X-Registry-ArtifactType", "AVRO");

        RegistryHttp.Response response = http.exchange("POST", VERSIONS, amountAsString(), headers);

        assertThat(response.status()).as(response.body()).isEqualTo(409);
        assertThat(versionCount()).isEqualTo(2);
    }

    @Test
    void rulesRefuseAnIncompatibleCatalogVersionWithTheRegistrysAnswer() {
        Subject transactions = SchemaCatalog.load().forTopic("transactions");
        List<Schema> withBrokenVersion = new ArrayList<>(transactions.versions());
        withBrokenVersion.add(new Schema.Parser().parse(amountAsString()));
        Subject broken = new Subject(transactions.name(), transactions.recordClass(), transactions.compatibility(),
                withBrokenVersion);

        assertThatThrownBy(() -> new RegistryRules(registry.url()).apply(broken))
                .hasMessageContaining("HTTP 409")
                .hasMessageContaining(TRANSACTIONS);
        assertThat(versionCount()).isEqualTo(2);
    }

    @Test
    void applyingTheRulesAgainChangesNothing() {
        new RegistryRules(registry.url()).apply(SchemaCatalog.load());

        assertThat(versionCount()).isEqualTo(2);
        assertThat(rule(TRANSACTIONS, "COMPATIBILITY")).isEqualTo("FULL_TRANSITIVE");
    }

    @Test
    void closeLeavesNoRegistryProcess() {
        ApicurioRegistryServer another = ApicurioRegistryServer.start();
        ProcessHandle process = another.process().handle();

        another.close();

        assertThat(process.isAlive()).isFalse();
        assertThat(process.descendants()).isEmpty();
    }

    /** The newest Transaction schema with {@code amountMinor} a string: neither forward nor backward. */
    private static String amountAsString() {
        String schema = SchemaCatalog.load().forTopic("transactions").newest().toString();
        String amountAsString = schema.replace("\"name\":\"amountMinor\",\"type\":\"long\"",
                "\"name\":\"amountMinor\",\"type\":\"string\"");
        assertThat(amountAsString).isNotEqualTo(schema);
        return amountAsString;
    }

    private static int versionCount() {
        return http.get(VERSIONS).get("count").asInt();
    }

    private static String rule(String artifactId, String type) {
        return http.get(RegistryRules.ARTIFACTS + "/" + artifactId + "/rules/" + type).get("config").asText();
    }
}
