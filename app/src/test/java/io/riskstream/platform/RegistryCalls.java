package io.riskstream.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.apache.avro.Schema;

/** Calls to the registry's v2 REST API that tests make as an operator or another team would. */
public final class RegistryCalls {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private RegistryCalls() {
    }

    /** Adds {@code schema} as the next version of {@code subject}; the registry's rules decide. */
    public static HttpResponse<String> addVersion(String registry, String subject, Schema schema) {
        return send(HttpRequest.newBuilder(URI.create(registry + "/groups/default/artifacts/" + subject + "/versions"))
                .header("Content-Type", "application/json").header("X-Registry-ArtifactType", "AVRO")
                .POST(HttpRequest.BodyPublishers.ofString(schema.toString())));
    }

    /** The newest version of {@code subject}. */
    public static Schema latest(String registry, String subject) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                URI.create(registry + "/groups/default/artifacts/" + subject)).GET());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET latest " + subject + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return new Schema.Parser().parse(response.body());
    }

    /** Whether the registry has {@code subject} at all. */
    public static boolean exists(String registry, String subject) {
        return send(HttpRequest.newBuilder(URI.create(registry + "/groups/default/artifacts/" + subject + "/meta"))
                .GET()).statusCode() == 200;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("registry call failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
