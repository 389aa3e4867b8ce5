package io.riskstream.platform;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.riskstream.schemas.Subject;

/**
 * Asks the registry, before any stream starts, for every subject the app reads or writes and for the app's
 * own version of it, so that a registry the catalog was never applied to fails the start with one message
 * instead of failing records one by one (serializers that may not register cannot find their schema).
 */
final class RequiredSubjects {

    /** How operators put the catalog into a registry (devstack/README.md). */
    static final String REGISTER_COMMAND = """
            ./mvnw -B -q -pl devstack -am package -DskipTests
            java -cp "devstack/target/classes:$(cat devstack/target/classpath.txt)" \\
              io.riskstream.devstack.RegistryRules %s""";
    private static final String ARTIFACTS = "/groups/" + AvroSerdes.ARTIFACT_GROUP + "/artifacts/";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String registryUrl;
    /** The Authorization header of every request, or null. */
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** @param registryUrl the v2 API base, e.g. {@code http://127.0.0.1:8081/apis/registry/v2} */
    RequiredSubjects(String registryUrl) {
        this(registryUrl, Map.of());
    }

    /**
     * @param client the registry client settings of the serdes: their basic-authentication user and password
     *               ({@code apicurio.auth.username}, {@code apicurio.auth.password}) are used here too; TLS is the
     *               JVM's (its trust store, {@code javax.net.ssl.trustStore})
     */
    RequiredSubjects(String registryUrl, Map<String, String> client) {
        this.registryUrl = registryUrl.endsWith("/") ? registryUrl.substring(0, registryUrl.length() - 1) : registryUrl;
        String user = client.get("apicurio.auth.username");
        String password = client.get("apicurio.auth.password");
        this.authorization = user == null || password == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Fails, naming what is missing and the command that registers it, unless the registry has every subject. */
    void check(List<Subject> subjects) {
        List<String> missing = missing(subjects);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Apicurio Registry at " + registryUrl
                    + " lacks schemas this app reads or writes: " + String.join(", ", missing)
                    + ". Register the schema catalog, with its compatibility rules, from a checkout of this version"
                    + " (devstack/README.md):\n" + REGISTER_COMMAND.formatted(registryUrl));
        }
    }

    /** Each subject the registry does not have, or has without the app's version, with what is missing. */
    List<String> missing(List<Subject> subjects) {
        List<String> missing = new ArrayList<>();
        for (Subject subject : subjects) {
            String artifact = ARTIFACTS + URLEncoder.encode(subject.name(), StandardCharsets.UTF_8) + "/meta";
            if (!found(HttpRequest.newBuilder(uri(artifact)).GET())) {
                missing.add(subject.name() + " (no such artifact)");
            } else if (!found(HttpRequest.newBuilder(uri(artifact + "?canonical=true"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(subject.newest().toString())))) {
                missing.add(subject.name() + " (no version with the app's schema)");
            }
        }
        return missing;
    }

    /** True on 200, false on 404; anything else means the registry cannot be checked, which fails the start too. */
    private boolean found(HttpRequest.Builder request) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpRequest built = request.timeout(TIMEOUT).build();
        try {
            int status = http.send(built, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200 || status == 404) {
                return status == 200;
            }
            throw new IllegalStateException("cannot check the schemas this app needs: " + built.method() + " "
                    + built.uri() + " answered HTTP " + status);
        } catch (IOException e) {
            throw new IllegalStateException("cannot check the schemas this app needs: Apicurio Registry at "
                    + registryUrl + " is unreachable (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the registry's schemas", e);
        }
    }

    private URI uri(String path) {
        return URI.create(registryUrl + path);
    }
}
