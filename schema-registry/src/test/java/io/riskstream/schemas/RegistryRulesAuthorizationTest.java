package io.riskstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

/**
 * A registry that wants authentication gets it with every call RegistryRules makes. The real registry of the tests
 * wants none, so this one records the calls and answers each as Apicurio would when nothing is there yet.
 */
class RegistryRulesAuthorizationTest {

    @Test
    void everyCallCarriesTheAuthorizationGiven() throws Exception {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = (exchange.getRequestMethod().equals("GET") ? "[]" : "{}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            new RegistryRules("http://127.0.0.1:" + server.getAddress().getPort() + "/apis/registry/v2",
                    Map.of("Authorization", "Basic cmlza3N0cmVhbTpzZWNyZXQ=")).apply(SchemaCatalog.load());
        } finally {
            server.stop(0);
        }

        assertThat(authorizations).hasSizeGreaterThan(SchemaCatalog.load().subjects().size())
                .containsOnly("Basic cmlza3N0cmVhbTpzZWNyZXQ=");
    }
}
