package io.riskstream.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.apicurio.registry.serde.SerdeConfig;
import io.riskstream.schemas.SchemaCatalog;

/** {@code riskstream.registry.client.*} reaches every serde and the start's subject check. */
class RegistryClientSettingsTest {

    @Test
    void theOperatorsClientSettingsReachEverySerdeButNotHowTheAppUsesTheRegistry() {
        AvroSerdes serdes = new AvroSerdes("https://registry:8443/apis/registry/v2", false, Map.of(
                "apicurio.auth.username", "riskstream", "apicurio.auth.password", "secret",
                "apicurio.registry.request.ssl.truststore.location", "/etc/riskstream/registry-trust.p12",
                SerdeConfig.AUTO_REGISTER_ARTIFACT, "true"));

        assertThat(serdes.config()).containsEntry("apicurio.auth.username", "riskstream")
                .containsEntry("apicurio.auth.password", "secret")
                .containsEntry("apicurio.registry.request.ssl.truststore.location", "/etc/riskstream/registry-trust.p12")
                .containsEntry(SerdeConfig.AUTO_REGISTER_ARTIFACT, false);
    }

    @Test
    void theSubjectCheckAtStartAuthenticatesAsTheSerdesDo() throws Exception {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        registry.start();
        try {
            String url = "http://127.0.0.1:" + registry.getAddress().getPort() + "/apis/registry/v2";
            new RequiredSubjects(url, Map.of("apicurio.auth.username", "riskstream",
                    "apicurio.auth.password", "secret")).check(SchemaCatalog.load().subjects());
            new RequiredSubjects(url).check(SchemaCatalog.load().subjects().subList(0, 1));
        } finally {
            registry.stop(0);
        }

        String expected = "Basic " + Base64.getEncoder().encodeToString("riskstream:secret".getBytes(
                StandardCharsets.UTF_8));
        assertThat(authorizations).hasSizeGreaterThan(2);
        assertThat(authorizations.subList(0, authorizations.size() - 2)).containsOnly(expected);
        assertThat(authorizations.subList(authorizations.size() - 2, authorizations.size())).containsOnly("null");
    }
}
