package io.riskstream.schemas;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.Schema;

/**
 * Puts the schema catalog into an Apicurio Registry: every subject as an AVRO artifact of group
 * {@code default} with each of its versions in order, then its COMPATIBILITY rule and VALIDITY FULL.
 * Applying it again changes nothing; a new version in the catalog becomes the next version, checked by
 * the rules already in place.
 *
 * <p>Operators run it as a command of the app jar, {@code java -jar riskstream.jar schemas apply} (docs/operations.md,
 * "Schema registry"); the local run and the tests call it directly.
 */
public final class RegistryRules {

    public static final String ARTIFACTS = "/groups/default/artifacts";
    public static final String VALIDITY_LEVEL = "FULL";

    private final RegistryHttp http;

    /** @param registryUrl the v2 API base, e.g. {@code http://127.0.0.1:8081/apis/registry/v2} */
    public RegistryRules(String registryUrl) {
        this(registryUrl, Map.of());
    }

    /** The same, sending {@code headers} (e.g. {@code Authorization}) with every call. */
    public RegistryRules(String registryUrl, Map<String, String> headers) {
        this(registryUrl, headers, null);
    }

    /** The same, over TLS that trusts what {@code tls} trusts (null: what the JVM trusts). */
    public RegistryRules(String registryUrl, Map<String, String> headers, SSLContext tls) {
        this.http = new RegistryHttp(registryUrl, headers, tls);
    }

    public void apply(SchemaCatalog catalog) {
        catalog.subjects().forEach(this::apply);
    }

    public void apply(Subject subject) {
        subject.versions().forEach(version -> register(subject.name(), version));
        setRule(subject.name(), "COMPATIBILITY", subject.compatibility().name());
        setRule(subject.name(), "VALIDITY", VALIDITY_LEVEL);
    }

    /** Returns the version that has this content already, or adds it as the newest version. */
    private void register(String artifactId, Schema schema) {
        Map<String, String> headers = new HashMap<>(RegistryHttp.JSON);
        headers.put("X-Registry-ArtifactId", artifactId);
        headers.put("X-Registry-ArtifactType", "AVRO");
        http.send("POST", ARTIFACTS + "?ifExists=RETURN_OR_UPDATE&canonical=true", schema.toString(), headers);
    }

    private void setRule(String artifactId, String type, String config) {
        String rules = ARTIFACTS + "/" + artifactId + "/rules";
        Map<String, String> rule = new LinkedHashMap<>();
        rule.put("type", type);
        rule.put("config", config);
        boolean exists = false;
        for (JsonNode existing : http.get(rules)) {
            exists |= existing.asText().equals(type);
        }
        if (exists) {
            http.send("PUT", rules + "/" + type, RegistryHttp.json(rule), RegistryHttp.JSON);
        } else {
            http.send("POST", rules, RegistryHttp.json(rule), RegistryHttp.JSON);
        }
    }
}
