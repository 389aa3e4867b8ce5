package io.riskstream.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The app as operators run it: {@code target/riskstream.jar} in a JVM of its own, logging to a file. It can be
 * stopped the way a crash stops it ({@link #kill}: SIGKILL to it and its descendants, no clean close). A JVM
 * shutdown hook kills whatever is still running, so no app outlives the tests.
 */
public final class AppProcess implements AutoCloseable {

    /** Where Maven's package phase leaves the runnable jar, relative to the app module. */
    static final Path JAR = Path.of("target", "riskstream.jar");
    static final Path LOG_DIR = Path.of("target", "it-logs");
    static final String HEAP = "-Xmx768m";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);
    private static final int TAIL_LINES = 80;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private static final Set<AppProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(AppProcess::kill), "kill-apps"));
    }

    private final String name;
    private final Process process;
    private final Path log;
    private static final String MANAGEMENT_PORT = "--management.server.port=";
    private final int port;

    /** Where the actuator answers: {@code --management.server.port} when a test gives one, else the app's port. */
    private final int managementPort;

    private AppProcess(String name, Process process, Path log, int port, int managementPort) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
    }

    /**
     * Starts the jar with {@code args} (each {@code --name=value}) plus a free {@code --server.port}, logging
     * to {@code target/it-logs/<name>.log}. Returns at once; see {@link #awaitHealthy}.
     */
    public static AppProcess start(String name, List<String> args) {
        return start(name, args, Map.of());
    }

    /** The same, with {@code environment} added to the app's: secrets go there, never on the command line. */
    public static AppProcess start(String name, List<String> args, Map<String, String> environment) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: integration tests run after"
                    + " the package phase (./mvnw verify)");
        }
        int port = freePort();
        // C1 only and the serial collector: an app of a test handles a few thousand records, and on a 2-core
        // machine running several JVMs these start it several seconds sooner than the server compiler would.
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP, "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-jar", JAR.toString(), "--server.port=" + port));
        // Signs with the tests' key and trusts it, as the local run does with its own; a test's args may override.
        command.addAll(TestSigning.appArgs());
        command.addAll(TestUsers.appArgs());
        command.addAll(args);
        try {
            Files.createDirectories(LOG_DIR);
            Path log = LOG_DIR.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command);
            // Passwords in plain text are taken from the environment only.
            builder.environment().putAll(TestUsers.environment());
            builder.environment().putAll(environment);
            Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            process.getOutputStream().close();
            int managementPort = args.stream().filter(arg -> arg.startsWith(MANAGEMENT_PORT))
                    .mapToInt(arg -> Integer.parseInt(arg.substring(MANAGEMENT_PORT.length()))).findFirst().orElse(port);
            AppProcess app = new AppProcess(name, process, log, port, managementPort);
            RUNNING.add(app);
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits until {@code /actuator/health} says UP; fails with the log's tail if the app dies or the time runs out. */
    public void awaitHealthy(Duration timeout) {
        awaitStatus("UP", timeout);
    }

    /**
     * Waits until the overall status of {@code /actuator/health} is {@code expected}; fails with the log's tail if
     * the app dies or the time runs out.
     */
    public void awaitStatus(String expected, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String status;
        while (!(status = status()).equals(expected)) {
            if (!process.isAlive()) {
                throw failure(name + " exited with code " + process.exitValue() + " before its health was " + expected);
            }
            if (Instant.now().isAfter(deadline)) {
                throw failure(name + "'s health was not " + expected + " within " + timeout.toSeconds() + " s but "
                        + status);
            }
            sleep(POLL);
        }
    }

    /** The overall status of {@code /actuator/health}, or what stood in its way. */
    public String status() {
        try {
            return overallStatus(get("/actuator/health"));
        } catch (IOException notAnswering) {
            return "(no answer: " + notAnswering + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + name + " for its health", e);
        }
    }

    /**
     * The overall status of a {@code /actuator/health} answer, not any component's: the web server answers before
     * the streams and the rules are up, and some components are UP from the start.
     */
    public static String overallStatus(String health) {
        try {
            return JSON.readTree(health).path("status").asText("(none)");
        } catch (IOException | RuntimeException notJson) {
            return "(not JSON: " + health + ")";
        }
    }

    /** The body of a GET of {@code path} as the operator: an {@code /actuator} path on the management port. */
    public String get(String path) throws IOException, InterruptedException {
        return get(path.startsWith("/actuator") ? managementPort : port, path, true).body();
    }

    /** A GET of {@code path} on {@code port} (the app's or the management one), as the operator or anonymously. */
    public HttpResponse<String> get(int port, String path, boolean asOperator) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(HTTP_TIMEOUT).GET();
        if (asOperator) {
            request.header("Authorization", TestUsers.operator());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The app's own port: the dashboard and the API. */
    public int port() {
        return port;
    }

    /** The actuator's port: the app's own unless {@code --management.server.port} was given. */
    public int managementPort() {
        return managementPort;
    }

    /** Kills the app and everything it started at once (SIGKILL: no clean close), and waits until they are gone. */
    public void kill() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(0, process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        tree.forEach(handle -> handle.onExit().orTimeout(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join());
        RUNNING.remove(this);
    }

    /** Stops the app gracefully, killing it if it has not stopped in time. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        RUNNING.remove(this);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** An error that says what went wrong, with the last lines of the app's log. */
    public AssertionError failure(String what) {
        return new AssertionError(what + "; last lines of " + log.toAbsolutePath() + ":\n" + logTail());
    }

    /** {@code cause} with the tail of this app's log: what a test throws when it fails while the app runs. */
    public AssertionError failure(Throwable cause) {
        AssertionError failure = failure("failed: " + cause.getMessage());
        failure.initCause(cause);
        return failure;
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** A loopback port free now, for a server the test starts. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
