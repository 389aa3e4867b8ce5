package io.riskstream.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How the app's own calls to the registry's REST API (the start's schema check, the {@code schemas apply} command)
 * authenticate and trust it: with the serdes' client settings, {@code riskstream.registry.client.*}, so that one set
 * of settings serves all. Basic authentication from {@code apicurio.auth.username} and {@code .password}; TLS that
 * trusts {@code apicurio.registry.request.ssl.truststore.location} (with {@code .password} and {@code .type}), or,
 * without one, what the JVM trusts.
 */
public final class RegistryAccess {

    private static final String TRUST_STORE = "apicurio.registry.request.ssl.truststore.";

    private RegistryAccess() {
    }

    /** The {@code Authorization} header of the basic-authentication user, when one is given. */
    public static Optional<String> authorization(Map<String, String> client) {
        String user = client.get("apicurio.auth.username");
        String password = client.get("apicurio.auth.password");
        return user == null || password == null ? Optional.empty() : Optional.of("Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** TLS that trusts the configured trust store; empty when none is configured (the JVM's then). */
    public static Optional<SSLContext> tls(Map<String, String> client) {
        String location = client.get(TRUST_STORE + "location");
        if (location == null) {
            return Optional.empty();
        }
        String password = client.get(TRUST_STORE + "password");
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            KeyStore store = KeyStore.getInstance(client.getOrDefault(TRUST_STORE + "type", "JKS"));
            store.load(in, password == null ? null : password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return Optional.of(tls);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the registry's trust store " + TRUST_STORE + "location="
                    + location + ": " + e.getMessage(), e);
        }
    }
}
