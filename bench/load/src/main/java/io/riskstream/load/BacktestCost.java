package io.riskstream.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.riskstream.devstack.ApicurioRegistryServer;
import io.riskstream.devstack.KafkaBroker;
import io.riskstream.events.Transaction;

/**
 * What a backtest costs live scoring ({@code --backtest-burst B}): three bursts of B new transactions, each drained
 * by the running app right after it is sent, the second while a backtest of the repository's fraud ruleset over
 * everything on {@code transactions} runs in the same app (as an administrator would ask for one: {@code POST
 * /api/rules/backtest}). The drain rate of the second against the mean of the two others is the cost.
 */
final class BacktestCost {

    static final Duration BURST_TIMEOUT = Duration.ofMinutes(5);
    static final Duration BACKTEST_START_TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"(\\w+)\"");
    private static final Pattern READ = Pattern.compile("\"read\"\\s*:\\s*(\\d+)");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    /** One burst's drain: decisions per second, and the CPU it took. */
    record Burst(double perSecond, String cpu) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final AppProcess app;
    private final KafkaBroker kafka;
    private final ApicurioRegistryServer registry;
    private final DecisionWatcher watcher;

    BacktestCost(AppProcess app, KafkaBroker kafka, ApicurioRegistryServer registry, DecisionWatcher watcher) {
        this.app = app;
        this.kafka = kafka;
        this.registry = registry;
        this.watcher = watcher;
    }

    /** Runs the three bursts and notes the figures in {@code table}. */
    void measure(LoadOptions options, ResultTable table, String runTag, long seed) throws Exception {
        int burst = options.backtestBurst();
        TransactionMaker maker = new TransactionMaker(options.cards(), runTag + "b", seed);
        LoadHarness.step(String.format(Locale.ROOT, "backtest cost: a burst of %,d transactions without a backtest",
                burst));
        Burst before = burst(maker, burst);
        String id = submitBacktest();
        long readAtStart = awaitRunning(id);
        LoadHarness.step("  backtest " + id + " running; a burst with it");
        long startedAt = System.currentTimeMillis();
        Burst during = burst(maker, burst);
        String job = job(id);
        long tookMillis = System.currentTimeMillis() - startedAt;
        String stateAfter = match(STATE, job);
        double backtestRate = (Long.parseLong(match(READ, job)) - readAtStart) * 1000.0 / Math.max(tookMillis, 1);
        cancel(id);
        LoadHarness.step("  backtest cancelled; a burst without it again");
        Burst after = burst(maker, burst);
        double without = (before.perSecond() + after.perSecond()) / 2;
        String line = String.format(Locale.ROOT, "backtest cost (bursts of %,d transactions): scoring drained %,.0f/s "
                        + "without a backtest, %,.0f/s while one ran (it read %,.0f records/s%s), %,.0f/s without "
                        + "again: %.1f%% of the mean without; CPU per decision without / with / without: %s | %s | %s",
                burst, before.perSecond(), during.perSecond(), backtestRate,
                "RUNNING".equals(stateAfter) ? "" : ", and was " + stateAfter + " by the burst's end",
                after.perSecond(), 100 * during.perSecond() / without, before.cpu(), during.cpu(), after.cpu());
        table.note(line);
        LoadHarness.step(line);
    }

    private Burst burst(TransactionMaker maker, int count) throws Exception {
        long before = watcher.decisions();
        CpuTime cpu = new CpuTime(app.handle(), kafka.handle());
        watcher.markFrom(System.currentTimeMillis());
        Preload.send(kafka.bootstrapServers(), registry.url(), TransactionsTopic.NAME, count, i -> {
            Transaction tx = maker.next(Instant.now());
            return new Preload.Keyed<>(tx.getCardId(), tx);
        });
        long deadline = System.currentTimeMillis() + BURST_TIMEOUT.toMillis();
        while (watcher.decisions() < before + count) {
            if (System.currentTimeMillis() > deadline || !app.alive()) {
                throw new IllegalStateException("a burst of " + count + " was not drained; see " + app.log());
            }
            cpu.sample();
            Thread.sleep(50);
        }
        cpu.sample();
        long millis = Math.max(1, watcher.lastSeen() - watcher.firstAfterMark());
        return new Burst(count * 1000.0 / millis, cpu.perRecord(count, millis));
    }

    /** Asks for a backtest of rules/fraud over every transaction on the topic; its id. */
    private String submitBacktest() throws IOException, InterruptedException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> drl = Files.list(Path.of("rules", "fraud"))) {
            for (Path file : drl.filter(path -> path.toString().endsWith(".drl")).sorted().toList()) {
                files.add(json(file.getFileName().toString()) + ":" + json(Files.readString(file)));
            }
        }
        Instant now = Instant.now();
        String body = "{\"files\":{" + String.join(",", files) + "},\"from\":" + json(now.minus(Duration.ofDays(1))
                .toString()) + ",\"to\":" + json(now.plus(Duration.ofHours(1)).toString()) + "}";
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(app.url() + "/api/rules/backtest"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() != 202) {
            throw new IllegalStateException("the backtest was refused: " + response.statusCode() + " "
                    + response.body());
        }
        return match(ID, response.body());
    }

    /** Waits until the backtest reads; how many records it had read then. */
    private long awaitRunning(String id) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + BACKTEST_START_TIMEOUT.toMillis();
        while (System.currentTimeMillis() < deadline) {
            String job = job(id);
            long read = Long.parseLong(match(READ, job));
            if ("RUNNING".equals(match(STATE, job)) && read > 0) {
                return read;
            }
            if (!List.of("QUEUED", "RUNNING").contains(match(STATE, job))) {
                throw new IllegalStateException("the backtest ended before the burst: " + job);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the backtest did not start reading within " + BACKTEST_START_TIMEOUT);
    }

    private void cancel(String id) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(URI.create(app.url() + "/api/rules/backtest/" + id)).DELETE());
        long deadline = System.currentTimeMillis() + BACKTEST_START_TIMEOUT.toMillis();
        while (List.of("QUEUED", "RUNNING").contains(match(STATE, job(id)))) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the backtest did not stop after it was cancelled");
            }
            Thread.sleep(100);
        }
    }

    private String job(String id) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(app.url() + "/api/rules/backtest/" + id)).GET()).body();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.header("Authorization", app.rulesAdmin()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in " + text);
        }
        return matcher.group(1);
    }

    /** {@code text} as a JSON string. */
    static String json(String text) {
        return text.chars().mapToObj(c -> switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c);
        }).collect(Collectors.joining("", "\"", "\""));
    }
}
