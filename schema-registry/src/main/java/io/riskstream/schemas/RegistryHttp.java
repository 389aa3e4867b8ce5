package io.riskstream.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Calls to one Apicurio Registry v2 REST API, with JSON bodies. */
public final class RegistryHttp {

    public static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public record Response(int status, String body) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    private final HttpClient client;
    private final String base;
    /** Sent with every call: an {@code Authorization} header, when the registry wants one. */
    private final Map<String, String> always;

    public RegistryHttp(String v2Url) {
        this(v2Url, Map.of(), null);
    }

    /** @param tls what TLS trusts; null for the JVM's trust store */
    public RegistryHttp(String v2Url, Map<String, String> always, SSLContext tls) {
        this.base = v2Url.endsWith("/") ? v2Url.substring(0, v2Url.length() - 1) : v2Url;
        this.always = Map.copyOf(always);
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        if (tls != null) {
            client.sslContext(tls);
        }
        this.client = client.build();
    }

    /** The answer to {@code method path}, whatever its status; {@code body} null sends none. */
    public Response exchange(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        always.forEach(request::header);
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + base + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + base + path, e);
        }
    }

    /** The JSON answer to {@code method path}; fails with the status and body unless it is 2xx. */
    public JsonNode send(String method, String path, String body, Map<String, String> headers) {
        Response response = exchange(method, path, body, headers);
        if (!response.ok()) {
            throw new IllegalStateException(method + " " + base + path + " answered HTTP " + response.status()
                    + ": " + response.body());
        }
        try {
            return response.body().isBlank() ? MAPPER.nullNode() : MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + base + path + " answered no JSON: " + response.body(), e);
        }
    }

    public JsonNode get(String path) {
        return send("GET", path, null, Map.of());
    }

    public static String json(Map<String, String> fields) {
        try {
            return MAPPER.writeValueAsString(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
