package io.riskstream.operator;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code backtest}: asks the app at {@code app} for a backtest ({@code POST /api/rules/backtest}) as the rules
 * administrator, follows it, and prints its report. The backtest runs in the app, beside scoring, where the rulesets'
 * history and the card state's rules are; this is its client.
 */
final class BacktestClient {

    private static final Duration FOLLOW_EVERY = Duration.ofSeconds(1);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final URI app;
    private final String authorization;

    BacktestClient(URI app, String user, String password) {
        this.app = app;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The request of the command's options: the {@code .drl} files of the directory {@code files}, or a published
     * {@code version}; the range from {@code from} to {@code to}.
     */
    static Map<String, Object> request(Map<String, String> options) {
        Map<String, Object> request = new LinkedHashMap<>();
        if (options.containsKey("files") == options.containsKey("version")) {
            throw new IllegalArgumentException("a backtest names its candidate: --files=<directory> or --version=<n>");
        }
        if (options.containsKey("files")) {
            request.put("files", drlFiles(Path.of(options.get("files"))));
        } else {
            try {
                request.put("version", Long.parseLong(options.get("version")));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--version is a whole number, not " + options.get("version"), e);
            }
        }
        for (String bound : new String[] {"from", "to"}) {
            if (!options.containsKey(bound)) {
                throw new IllegalArgumentException("a backtest needs --from and --to (ISO-8601 instants, event time)");
            }
            request.put(bound, options.get(bound));
        }
        return request;
    }

    /**
     * Submits {@code request}, prints its progress to {@code err} and its report (JSON) to {@code out}.
     *
     * @return 0 when it is DONE, 1 when it failed or was cancelled
     * @throws IllegalArgumentException when the app refuses the request (the candidate does not compile, ...)
     */
    int run(Map<String, Object> request, PrintStream out, PrintStream err) throws InterruptedException {
        HttpResponse<String> submitted = send(HttpRequest.newBuilder(app.resolve("/api/rules/backtest"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(request))));
        if (submitted.statusCode() == 400) {
            throw new IllegalArgumentException("refused: " + json.readTree(submitted.body()).path("problems"));
        }
        if (submitted.statusCode() != 202) {
            throw new IllegalStateException("the app answered " + submitted.statusCode() + ": " + submitted.body());
        }
        String id = json.readTree(submitted.body()).path("id").asString();
        err.println("backtest " + id);
        while (true) {
            HttpResponse<String> polled = send(HttpRequest.newBuilder(app.resolve("/api/rules/backtest/" + id)).GET());
            if (polled.statusCode() != 200) {
                throw new IllegalStateException("the app answered " + polled.statusCode() + " for backtest " + id);
            }
            JsonNode job = json.readTree(polled.body());
            String state = job.path("state").asString();
            switch (state) {
                case "DONE" -> {
                    out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(job.path("report")));
                    out.flush();
                    return 0;
                }
                case "FAILED", "CANCELLED" -> {
                    err.println("backtest " + id + " " + state + (job.path("error").isString()
                            ? ": " + job.path("error").asString() : ""));
                    return 1;
                }
                default -> err.printf("%s: %d of %d records read%n", state, job.path("read").asLong(),
                        job.path("toRead").asLong());
            }
            Thread.sleep(FOLLOW_EVERY.toMillis());
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(request.header("Authorization", authorization)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw new IllegalArgumentException("the app answered " + response.statusCode()
                        + ": a backtest needs the rules administrator (riskstream.security.rules-admin-username, "
                        + "RISKSTREAM_SECURITY_RULES_ADMIN_PASSWORD in plain text)");
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the app at " + app, e);
        }
    }

    private static Map<String, String> drlFiles(Path directory) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> listed = Files.list(directory)) {
            for (Path file : listed.filter(path -> path.getFileName().toString().endsWith(".drl")).toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the candidate's files in " + directory + ": " + e, e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no .drl file in " + directory);
        }
        return files;
    }
}
