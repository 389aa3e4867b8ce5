package io.riskstream.devstack;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.riskstream.schemas.SchemaCatalog;
import io.riskstream.schemas.Subject;
import org.apache.avro.Schema;

/**
 * Puts the schema catalog into an Apicurio Registry: every subject as an AVRO artifact of group
 * {@code default} with each of its versions in order, then its COMPATIBILITY rule and VALIDITY FULL.
 * Applying it again changes nothing; a new version in the catalog becomes the next version, checked by
 * the rules already in place.
 *
 * <p>Operators: {@code RegistryRules <registry v2 url>}, or {@code RegistryRules} with the app's registry settings
 * ({@code --riskstream.registry.url=...}, basic authentication in {@code riskstream.registry.client.apicurio.auth.*},
 * the password from the environment; a TLS registry's authority in the JVM's trust store), see devstack/README.md.
 */
public final class RegistryRules {

    static final String ARTIFACTS = "/groups/default/artifacts";
    static final String VALIDITY_LEVEL = "FULL";

    private final RegistryHttp http;

    /** @param registryUrl the v2 API base, e.g. {@code http://127.0.0.1:8081/apis/registry/v2} */
    public RegistryRules(String registryUrl) {
        this(registryUrl, Map.of());
    }

    /** The same, sending {@code headers} (e.g. {@code Authorization}) with every call. */
    public RegistryRules(String registryUrl, Map<String, String> headers) {
        this.http = new RegistryHttp(registryUrl, headers);
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

    public static void main(String[] args) {
        ToolSettings settings = ToolSettings.from(args, Map.copyOf(System.getenv()));
        List<String> positional = Arrays.stream(args).filter(arg -> !arg.startsWith("--")).toList();
        Optional<String> url = positional.size() == 1 ? Optional.of(positional.get(0)) : settings.registryUrl();
        if (positional.size() > 1 || url.isEmpty()) {
            System.err.println("usage: RegistryRules <registry v2 url, e.g. https://registry.example/apis/registry/v2>"
                    + "\n   or: RegistryRules --riskstream.registry.url=<v2 url>"
                    + " [--riskstream.registry.client.apicurio.auth.username=<user>]"
                    + " (the password in RISKSTREAM_REGISTRY_CLIENT_APICURIO_AUTH_PASSWORD)");
            System.exit(2);
        }
        Map<String, String> headers = settings.registryAuthorization().map(value -> Map.of("Authorization", value))
                .orElseGet(Map::of);
        RegistryRules rules = new RegistryRules(url.get(), headers);
        for (Subject subject : SchemaCatalog.load().subjects()) {
            rules.apply(subject);
            System.out.printf("%s: %d version(s), COMPATIBILITY %s, VALIDITY %s%n", subject.name(),
                    subject.versions().size(), subject.compatibility(), VALIDITY_LEVEL);
        }
    }
}
