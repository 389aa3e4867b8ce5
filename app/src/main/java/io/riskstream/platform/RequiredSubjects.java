package io.riskstream.platform;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

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
    private static final String TRUST_STORE = "apicurio.registry.request.ssl.truststore.";

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
        String user = client.get("apicurio.auth.username");
        String password = client.get("apicurio.auth.password");
        this.authorization = user == null || password == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        String trustStore = client.get(TRUST_STORE + "location");
        if (trustStore != null) {
            http.sslContext(trusting(trustStore, client.get(TRUST_STORE + "password"),
                    client.getOrDefault(TRUST_STORE + "type", "JKS")));
        }
        this.http = http.build();
    }

    /** TLS that trusts the certificates of the store at {@code location}, as the serdes' registry client does. */
    private static SSLContext trusting(String location, String password, String type) {
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password == null ? null : password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the registry's trust store " + TRUST_STORE + "location="
                    + location + ": " + e.getMessage(), e);
        }
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
