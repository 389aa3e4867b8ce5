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
import java.util.List;
import java.util.Map;

import io.riskstream.schemas.Subject;

/**
 * Asks the registry, before any stream starts, for every subject the app reads or writes and for the app's
 * own version of it, so that a registry the catalog was never applied to fails the start with one message
 * instead of failing records one by one (serializers that may not register cannot find their schema).
 */
final class RequiredSubjects {

    /** How operators put the catalog into a registry (docs/operations.md, "Schema registry"). */
    static final String REGISTER_COMMAND = "java -jar riskstream.jar schemas apply --riskstream.registry.url=%s";
    private static final String ARTIFACTS = "/groups/" + AvroSerdes.ARTIFACT_GROUP + "/artifacts/";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String registryUrl;
    /** The Authorization header of every request, or null. */
    private final String authorization;
    private final HttpClient http;

    /** @param registryUrl the v2 API base, e.g. {@code http://127.0.0.1:8081/apis/registry/v2} */
    RequiredSubjects(String registryUrl) {
        this(registryUrl, Map.of());
    }

    /**
     * @param client the registry client settings of the serdes: their basic-authentication user and password
     *               ({@code apicurio.auth.username}, {@code apicurio.auth.password}) and their trust store
     *               ({@code apicurio.registry.request.ssl.truststore.location}, {@code .password}, {@code .type})
     *               are used here too; without a trust store, TLS trusts what the JVM trusts
     */
    RequiredSubjects(String registryUrl, Map<String, String> client) {
        this.registryUrl = registryUrl.endsWith("/") ? registryUrl.substring(0, registryUrl.length() - 1) : registryUrl;
        this.authorization = RegistryAccess.authorization(client).orElse(null);
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        RegistryAccess.tls(client).ifPresent(http::sslContext);
        this.http = http.build();
    }

    /** Fails, naming what is missing and the command that registers it, unless the registry has every subject. */
    void check(List<Subject> subjects) {
        List<String> missing = missing(subjects);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Apicurio Registry at " + registryUrl
                    + " lacks schemas this app reads or writes: " + String.join(", ", missing)
                    + ". Register the schema catalog of this version, with its compatibility rules, by its jar"
                    + " (docs/operations.md, \"Schema registry\"), with this instance's settings:\n"
                    + REGISTER_COMMAND.formatted(registryUrl));
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
