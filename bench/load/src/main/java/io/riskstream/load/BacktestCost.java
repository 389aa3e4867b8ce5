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
 * What a backtest costs live scoring ({@code --backtest-burst B}): bursts of B new transactions, each drained by the
 * running app right after it is sent, every other one while a backtest of the repository's fraud ruleset over
 * everything on {@code transactions} runs in the same app (as an administrator would ask for one: {@code POST
 * /api/rules/backtest}). The mean drain rate with one against the mean without is the cost.
 */
final class BacktestCost {

    static final Duration BURST_TIMEOUT = Duration.ofMinutes(5);
    /** A backtest reads every recorded decision of its range before the first transaction: minutes, paced. */
    static final Duration BACKTEST_START_TIMEOUT = Duration.ofMinutes(5);
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

    /**
     * A burst to warm up (not counted) with a backtest running, then five: without, with, without, with, without a
     * backtest running; notes the figures in {@code table}. Alternating, and both warmed up first, so that the JIT's
     * and the caches' warming over the run favours neither side: the first backtest of an instance's life also
     * compiles its own code, a cost paid once.
     */
    void measure(LoadOptions options, ResultTable table, String runTag, long seed) throws Exception {
        int burst = options.backtestBurst();
        TransactionMaker maker = new TransactionMaker(options.cards(), runTag + "b", seed);
        LoadHarness.step(String.format(Locale.ROOT, "backtest cost: bursts of %,d transactions, the first to warm "
                + "up (with a backtest, so that its code is compiled too), then without, with, without, with, "
                + "without a backtest running", burst));
        String warming = submitBacktest();
        awaitRunning(warming, watcher.decisions());
        burst(maker, burst);
        cancel(warming);
        List<Burst> without = new ArrayList<>();
        List<Burst> with = new ArrayList<>();
        List<Double> backtestRates = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            if (i % 2 == 0) {
                without.add(burst(maker, burst));
                LoadHarness.step(String.format(Locale.ROOT, "  without: %,.0f/s", without.get(without.size() - 1)
                        .perSecond()));
                continue;
            }
            String id = submitBacktest();
            // The burst meets the backtest deciding transactions (its costly part), not reading recorded decisions.
            long readAtStart = awaitRunning(id, watcher.decisions());
            long startedAt = System.currentTimeMillis();
            with.add(burst(maker, burst));
            String job = job(id);
            long tookMillis = System.currentTimeMillis() - startedAt;
            if (!"RUNNING".equals(match(STATE, job))) {
                throw new IllegalStateException("the backtest ended during the burst: make the history longer than "
                        + "a burst (--transactions) or the bursts shorter: " + job);
            }
            backtestRates.add((Long.parseLong(match(READ, job)) - readAtStart) * 1000.0 / Math.max(tookMillis, 1));
            cancel(id);
            LoadHarness.step(String.format(Locale.ROOT, "  with backtest %s (reading %,.0f records/s): %,.0f/s", id,
                    backtestRates.get(backtestRates.size() - 1), with.get(with.size() - 1).perSecond()));
        }
        double withoutMean = without.stream().mapToDouble(Burst::perSecond).average().orElseThrow();
        double withMean = with.stream().mapToDouble(Burst::perSecond).average().orElseThrow();
        String line = String.format(Locale.ROOT, "backtest cost (bursts of %,d transactions, after one to warm up with a backtest): "
                        + "scoring drained %s/s without a backtest (mean %,.0f/s) and %s/s while one ran (mean "
                        + "%,.0f/s; the backtest read %s records/s): %.1f%% of the rate without; CPU per decision "
                        + "without: %s; with: %s",
                burst, rates(without), withoutMean, rates(with), withMean,
                backtestRates.stream().map(rate -> String.format(Locale.ROOT, "%,.0f", rate))
                        .collect(Collectors.joining(" and ")),
                100 * withMean / withoutMean, cpu(without), cpu(with));
        table.note(line);
        LoadHarness.step(line);
    }

    private static String rates(List<Burst> bursts) {
        return bursts.stream().map(b -> String.format(Locale.ROOT, "%,.0f", b.perSecond()))
                .collect(Collectors.joining(", "));
    }

    private static String cpu(List<Burst> bursts) {
        return bursts.stream().map(Burst::cpu).map(text -> text.replace("CPU per record over the drain: ", ""))
                .collect(Collectors.joining("; "));
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

    /** Waits until the backtest has read more than {@code past} records; how many it had read then. */
    private long awaitRunning(String id, long past) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + BACKTEST_START_TIMEOUT.toMillis();
        while (System.currentTimeMillis() < deadline) {
            String job = job(id);
            long read = Long.parseLong(match(READ, job));
            if ("RUNNING".equals(match(STATE, job)) && read > past) {
                return read;
            }
            if (!List.of("QUEUED", "RUNNING").contains(match(STATE, job))) {
                throw new IllegalStateException("the backtest ended before the burst: " + job);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the backtest did not read past the recorded decisions within "
                + BACKTEST_START_TIMEOUT);
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
