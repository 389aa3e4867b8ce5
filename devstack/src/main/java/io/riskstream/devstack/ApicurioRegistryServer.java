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

/**
 * A real Apicurio Registry server (in-memory storage) as a child process on a loopback port.
 *
 * <pre>{@code
 * try (ApicurioRegistryServer registry = ApicurioRegistryServer.start()) {
 *     new io.riskstream.schemas.RegistryRules(registry.url()).apply(SchemaCatalog.load());
 *     // point serdes at registry.url()
 * }
 * }</pre>
 */
public final class ApicurioRegistryServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ChildProcess process;
    private final int port;
    /** The port of its HTTPS listener ({@link #startWithTls}); 0 when it has none. */
    private final int tlsPort;

    private ApicurioRegistryServer(ChildProcess process, int port, int tlsPort) {
        this.process = process;
        this.port = port;
        this.tlsPort = tlsPort;
    }

    /** Starts a registry on a free loopback port, logging to the system temp directory. */
    public static ApicurioRegistryServer start() {
        return start(0, Dirs.defaultLogDir());
    }

    /**
     * Starts a registry on {@code port} when it is free (0, or a port in use, means any free port), logging
     * to {@code logDir}/registry.log, and returns once it is ready.
     */
    public static ApicurioRegistryServer start(int port, Path logDir) {
        return start(port, logDir, null);
    }

    /**
     * As {@link #start(int, Path)}, keeping the registry's data in an H2 file database under {@code dataDir}, so
     * that a registry started again on the same directory has every schema, with the same ids, from its first
     * answer on; {@code null} keeps them in memory, gone with the process.
     */
    public static ApicurioRegistryServer start(int port, Path logDir, Path dataDir) {
        return start(port, logDir, dataDir, null);
    }

    /**
     * A registry in memory that also answers HTTPS ({@link #tlsUrl()}) with a server certificate of {@code tls}'
     * authority, for clients that must reach it by TLS; {@link #url()} stays plain HTTP on loopback, for setting it up.
     */
    public static ApicurioRegistryServer startWithTls(Certificates tls) {
        return start(0, Dirs.defaultLogDir(), null, tls);
    }

    private static ApicurioRegistryServer start(int port, Path logDir, Path dataDir, Certificates tls) {
        int chosen = Ports.preferred(port);
        try {
            Path runner = ApicurioBundle.declared().runnerJar();
            List<String> command = new ArrayList<>(List.of(ChildProcess.java(), "-Xmx512m",
                    "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + chosen));
            if (dataDir != null) {
                command.add("-Dquarkus.datasource.jdbc.url=jdbc:h2:file:"
                        + Files.createDirectories(dataDir).toAbsolutePath().resolve("registry"));
            }
            int tlsPort = 0;
            Map<String, String> environment = Map.of();
            if (tls != null) {
                tlsPort = Ports.free();
                command.addAll(List.of("-Dquarkus.http.ssl-port=" + tlsPort,
                        "-Dquarkus.http.ssl.certificate.key-store-file=" + tls.server("registry").toAbsolutePath(),
                        "-Dquarkus.http.ssl.certificate.key-store-file-type=PKCS12"));
                environment = Map.of("QUARKUS_HTTP_SSL_CERTIFICATE_KEY_STORE_PASSWORD", tls.password());
            }
            command.addAll(List.of("-jar", runner.toString()));
            ChildProcess process = ChildProcess.start("Apicurio Registry", command, environment,
                    runner.getParent(), logDir.resolve("registry-" + chosen + ".log"));
            ApicurioRegistryServer server = new ApicurioRegistryServer(process, chosen, tlsPort);
            process.awaitReady(READY_TIMEOUT, server::isReady);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Apicurio Registry", e);
        }
    }

    /** The base of the registry's v2 REST API, e.g. {@code http://127.0.0.1:8081/apis/registry/v2}. */
    public String url() {
        return "http://127.0.0.1:" + port + "/apis/registry/v2";
    }

    /** The v2 REST API by HTTPS, e.g. {@code https://127.0.0.1:8443/apis/registry/v2}: {@link #startWithTls} only. */
    public String tlsUrl() {
        if (tlsPort == 0) {
            throw new IllegalStateException("this registry has no HTTPS listener: start it with startWithTls()");
        }
        return "https://127.0.0.1:" + tlsPort + "/apis/registry/v2";
    }

    public int port() {
        return port;
    }

    /** Stops the registry and waits until its process is gone. */
    @Override
    public void close() {
        process.close();
    }

    ChildProcess process() {
        return process;
    }

    private boolean isReady() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(PROBE_TIMEOUT).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }
}
