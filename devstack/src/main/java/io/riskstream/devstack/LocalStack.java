package io.riskstream.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.riskstream.demo.DemoSettings;
import io.riskstream.demo.DemoTraffic;
import io.riskstream.schemas.RegistryRules;
import io.riskstream.schemas.SchemaCatalog;

/**
 * The one-command local run ({@code ./run-local}): a KRaft broker, Apicurio Registry with the catalog's
 * rules, then the app, all as child processes with their logs in {@code .local/logs}, and once the app is up
 * demo traffic, sent from this JVM. Ctrl-C stops the demo traffic, the app, the registry and the broker, in
 * that order. {@code --no-app} starts only the infrastructure, e.g. to run the app from an IDE (add
 * {@code --demo} for traffic to it); {@code --no-demo} runs the app without traffic.
 */
public final class LocalStack {

    static final int KAFKA_PORT = 9092;
    public static final String RULES_ADMIN = "admin";
    static final int REGISTRY_PORT = 8081;
    static final Path LOGS = Path.of(".local", "logs");
    private static final String DASHBOARD = "http://localhost:8080/";
    private static final URI HEALTH = URI.create("http://localhost:8080/actuator/health");
    // The app compiles its rulesets and starts every stream before it answers; 2 cores can take minutes.
    private static final Duration APP_START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LocalStack() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(LocalStackOptions.parse(args)));
        } catch (RuntimeException | IOException e) {
            System.err.println("run-local: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            System.exit(130);
        }
    }

    /** Runs until the app stops or the JVM is told to stop; the exit code. */
    static int run(LocalStackOptions options) throws IOException, InterruptedException {
        if (options.startApp() && !Files.isRegularFile(options.appJar())) {
            System.err.println(options.appJar() + " not found: run ./mvnw -DskipTests install first");
            return 2;
        }
        KafkaBroker kafka = KafkaBroker.start(KAFKA_PORT, LOGS);
        System.out.println("Kafka broker ready at " + kafka.bootstrapServers());
        ApicurioRegistryServer registry = ApicurioRegistryServer.start(REGISTRY_PORT, LOGS);
        new RegistryRules(registry.url()).apply(SchemaCatalog.load());
        System.out.println("Apicurio Registry ready at " + registry.url() + ", schema catalog applied");
        // The local run's rules administrator gets a fresh password each run; production has no default.
        String adminPassword = java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        List<String> appArgs = appArgs(kafka, registry, options.appArgs());
        Map<String, String> appEnvironment = appEnvironment(adminPassword);
        ChildProcess app = options.startApp() ? startApp(options.appJar(), appArgs, appEnvironment) : null;
        if (options.sendDemo()) {
            startDemo(kafka, registry, options.demo());
        }
        if (app == null) {
            System.out.println("Infrastructure is running; start the app with: "
                    + appEnvironment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() + " ")
                            .collect(Collectors.joining())
                    + String.join(" ", appCommand(options.appJar())) + " " + String.join(" ", appArgs)
                    + "  (logs " + LOGS + "). Ctrl-C stops everything."
                    + (options.sendDemo() ? " Demo traffic reaches its topics once the app has created them." : ""));
            new CountDownLatch(1).await();
        }
        System.out.printf("Riskstream is running: dashboard %s  (Kafka %s, registry %s, logs %s). "
                + "Ctrl-C stops everything.%n", DASHBOARD, kafka.bootstrapServers(), registry.url(), LOGS);
        System.out.printf("Rules administrator (POST /actuator/rules, /api/rules/dry-run; also reads every actuator "
                + "endpoint): user '%s', password '%s'%n", RULES_ADMIN, adminPassword);
        int exit = app.awaitExit();
        if (!ChildProcess.stopping()) {
            System.err.println(app.failure("the app stopped with exit code " + exit).getMessage());
        }
        ChildProcess.stopFeeders();
        registry.close();
        kafka.close();
        return exit == 0 ? 1 : exit;
    }

    /**
     * The contract with the app: where Kafka and the registry are, the local profile, and the local ruleset signing
     * key ({@link LocalSigningKey}).
     */
    public static List<String> appArgs(KafkaBroker kafka, ApicurioRegistryServer registry, List<String> extra) {
        return appArgs(kafka.bootstrapServers(), registry, extra);
    }

    /** The same, for the brokers at {@code bootstrapServers} (of a {@link KafkaCluster}, say). */
    public static List<String> appArgs(String bootstrapServers, ApicurioRegistryServer registry, List<String> extra) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.profiles.active=local",
                "--riskstream.kafka.bootstrap-servers=" + bootstrapServers,
                "--riskstream.registry.url=" + registry.url(),
                "--riskstream.security.rules-admin-username=" + RULES_ADMIN));
        try {
            args.addAll(LocalSigningKey.loadOrCreate().appArgs());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or make the local signing key in "
                    + LocalSigningKey.DIR, e);
        }
        args.addAll(extra);
        return args;
    }

    /**
     * The JVM options the app is started with here (the local run, the load harness, the zone drill): on a machine
     * of two cores or fewer, where the app shares the cores with a broker and a registry, the serial collector first,
     * unless {@code chosen} picks one; then {@code chosen}, the caller's own. G1, the JVM's choice from two cores on,
     * spends more of the app's CPU per scored transaction on its write barriers and concurrent threads: about a fifth
     * in the load harness's drains here (docs/performance.md). The JVM itself picks the serial collector below two.
     */
    public static List<String> appJvmOptions(List<String> chosen) {
        return appJvmOptions(chosen, Runtime.getRuntime().availableProcessors());
    }

    static List<String> appJvmOptions(List<String> chosen, int processors) {
        boolean picksCollector = chosen.stream().anyMatch(option -> option.matches("-XX:[+-]Use\\w+GC"));
        List<String> options = new ArrayList<>();
        if (processors <= 2 && !picksCollector) {
            options.add("-XX:+UseSerialGC");
        }
        options.addAll(chosen);
        return options;
    }

    /** The start of the app's command line: the JVM, its options here ({@link #appJvmOptions}), the jar. */
    public static List<String> appCommand(Path jar) {
        List<String> command = new ArrayList<>(List.of(ChildProcess.java()));
        command.addAll(appJvmOptions(List.of()));
        command.addAll(List.of("-jar", jar.toString()));
        return command;
    }

    /**
     * The app's environment: the rules administrator's password, which the app takes in plain text from the
     * environment only (never from its command line, where every process listing shows it).
     */
    public static Map<String, String> appEnvironment(String adminPassword) {
        return Map.of("RISKSTREAM_SECURITY_RULES_ADMIN_PASSWORD", adminPassword);
    }

    /** Demo traffic into the input topics; stopped before any child, so that it never meets a stopped broker. */
    private static void startDemo(KafkaBroker kafka, ApicurioRegistryServer registry, DemoSettings settings) {
        ChildProcess.stopBeforeChildren(DemoTraffic.start(kafka.bootstrapServers(), registry.url(), settings));
    }

    private static ChildProcess startApp(Path jar, List<String> appArgs, Map<String, String> environment)
            throws IOException {
        List<String> command = appCommand(jar);
        command.addAll(appArgs);
        ChildProcess app = ChildProcess.start("Riskstream app", command, environment, Path.of("."),
                LOGS.resolve("app.log"));
        AtomicInteger status = new AtomicInteger();
        app.awaitReady(APP_START_TIMEOUT, () -> answersHealth(status));
        System.out.println("App started: " + HEALTH + " answered HTTP " + status.get());
        return app;
    }

    /** Any HTTP answer means the app is up; health may still say DOWN while streams rebalance. */
    private static boolean answersHealth(AtomicInteger status) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(HEALTH).timeout(PROBE_TIMEOUT).GET().build();
        status.set(HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        return true;
    }
}
