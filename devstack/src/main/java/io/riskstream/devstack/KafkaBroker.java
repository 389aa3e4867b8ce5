package io.riskstream.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process) as a child
 * process on loopback ports. The child runs on this JVM's classpath, which must hold
 * {@code org.apache.kafka:kafka_2.13} and its runtime dependencies (devstack brings them).
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.start()) {
 *     props.put("bootstrap.servers", kafka.bootstrapServers());
 * }
 * }</pre>
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int PROBE_TIMEOUT_MS = 2000;

    private final ChildProcess process;
    private final int port;
    /** The super user's password when the broker is secured ({@link #startSecured}); null otherwise. */
    private final String adminPassword;
    /** The authority of the secured broker's certificates; null when it is not secured. */
    private final Certificates certificates;
    /** The secured broker's mutual-TLS listener; 0 when it is not secured. */
    private final int mutualTlsPort;

    private KafkaBroker(ChildProcess process, int port, String adminPassword, Certificates certificates,
                        int mutualTlsPort) {
        this.process = process;
        this.port = port;
        this.adminPassword = adminPassword;
        this.certificates = certificates;
        this.mutualTlsPort = mutualTlsPort;
    }

    /** Starts a broker on a free loopback port, logging to the system temp directory. */
    public static KafkaBroker start() {
        return start(0, Dirs.defaultLogDir());
    }

    /**
     * Starts a broker on {@code port} when it is free (0, or a port in use, means any free port), logging
     * to {@code logDir}/kafka-&lt;port&gt;.log, and returns once it answers an admin client. Topics are
     * not created automatically.
     */
    public static KafkaBroker start(int port, Path logDir) {
        return start(port, logDir, null);
    }

    /**
     * Starts a broker on free loopback ports that speaks TLS only, with certificates of its own authority
     * ({@link #certificates()}), authenticates clients and authorizes them with ACLs. Two listeners:
     * {@link #bootstrapServers()} takes SASL/SCRAM-SHA-512 over TLS ({@link #clientConfig}), and
     * {@link #mutualTlsBootstrapServers()} takes a client certificate of that authority instead, whose {@code CN} is
     * the principal ({@link #mutualTlsConfig}). Only its super user {@code admin} ({@link #adminConfig()}) may do
     * anything at first; it creates the other users and their ACLs.
     */
    public static KafkaBroker startSecured() {
        return start(0, Dirs.defaultLogDir(), "admin-" + UUID.randomUUID());
    }

    private static KafkaBroker start(int port, Path logDir, String adminPassword) {
        int chosen = Ports.preferred(port);
        try {
            Path dataDir = Files.createTempDirectory("riskstream-kafka-");
            Path config = dataDir.resolve("server.properties");
            int controllerPort = Ports.free();
            Certificates certificates = null;
            int mutualTlsPort = 0;
            if (adminPassword == null) {
                Files.writeString(config, KafkaServerConfig.of(chosen, controllerPort, dataDir.resolve("data")));
            } else {
                certificates = Certificates.authority(dataDir.resolve("tls"));
                mutualTlsPort = Ports.free();
                Files.writeString(config, KafkaServerConfig.secured(chosen, mutualTlsPort, controllerPort,
                        dataDir.resolve("data"), adminPassword, certificates));
            }
            Path log = logDir.resolve("kafka-" + chosen + ".log");
            try {
                format(config, dataDir, log, adminPassword);
            } catch (RuntimeException e) {
                Dirs.deleteRecursively(dataDir);
                throw e;
            }
            ChildProcess process = ChildProcess.start("Kafka broker", kafkaMain("kafka.Kafka", config.toString()),
                    dataDir, log).afterStop(() -> Dirs.deleteRecursively(dataDir));
            KafkaBroker broker = new KafkaBroker(process, chosen, adminPassword, certificates, mutualTlsPort);
            process.awaitReady(READY_TIMEOUT, broker::answers);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker", e);
        }
    }

    /** {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** {@code 127.0.0.1:<port>} of the secured broker's listener that authenticates clients by their certificate. */
    public String mutualTlsBootstrapServers() {
        requireSecured();
        return "127.0.0.1:" + mutualTlsPort;
    }

    /** The authority of the secured broker's certificates, which also issues its clients'. */
    public Certificates certificates() {
        requireSecured();
        return certificates;
    }

    /**
     * The client settings of {@code user} on this broker: SASL/SCRAM-SHA-512 over TLS, trusting the broker's
     * authority, when it is secured; nothing but where it is otherwise.
     */
    public Map<String, Object> clientConfig(String user, String password) {
        if (adminPassword == null) {
            return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        }
        Map<String, Object> config = new HashMap<>(certificates.kafkaTrust());
        config.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", scramLogin(user, password)));
        return config;
    }

    /** The client settings of {@code user} on the mutual-TLS listener: a certificate of the broker's authority. */
    public Map<String, Object> mutualTlsConfig(String user) {
        Map<String, Object> config = new HashMap<>(certificates().kafkaTrust());
        config.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, mutualTlsBootstrapServers(),
                "security.protocol", "SSL", "ssl.keystore.location", certificates.client(user).toString(),
                "ssl.keystore.password", certificates.password(), "ssl.keystore.type", "PKCS12"));
        return config;
    }

    private void requireSecured() {
        if (certificates == null) {
            throw new IllegalStateException("this broker is not secured: start it with startSecured()");
        }
    }

    /** The super user's client settings (on a broker that is not secured, just where it is). */
    public Map<String, Object> adminConfig() {
        return clientConfig("admin", adminPassword);
    }

    /** The JAAS line of a SCRAM login as {@code user}. */
    public static String scramLogin(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** Stops the broker, waits until its process is gone and deletes its data. */
    @Override
    public void close() {
        process.close();
    }

    ChildProcess process() {
        return process;
    }

    /** The broker's process, e.g. for the CPU time it used. */
    public ProcessHandle handle() {
        return process.handle();
    }

    private static void format(Path config, Path dataDir, Path log, String adminPassword) throws IOException {
        format(Uuid.randomUuid().toString(), config, dataDir, log, adminPassword);
    }

    /** Formats the storage of one node of cluster {@code clusterId} (KRaft: every node, before its first start). */
    static void format(String clusterId, Path config, Path dataDir, Path log, String adminPassword) throws IOException {
        List<String> args = new ArrayList<>(List.of("format", "-t", clusterId, "-c", config.toString()));
        if (adminPassword != null) {
            // The super user's credential is in the cluster's metadata from the start: nothing else could add it.
            args.addAll(List.of("--add-scram", "SCRAM-SHA-512=[name=admin,password=" + adminPassword + "]"));
        }
        ChildProcess storageTool = ChildProcess.start("Kafka storage format", kafkaMain("kafka.tools.StorageTool",
                args.toArray(String[]::new)), dataDir, log);
        int exit = storageTool.awaitExit(FORMAT_TIMEOUT);
        if (exit != 0) {
            throw storageTool.failure("formatting the broker storage failed with exit code " + exit);
        }
    }

    static List<String> kafkaMain(String mainClass, String... args) {
        // The child logs at info whichever SLF4J binding the classpath brings (slf4j-simple or Logback).
        List<String> command = new ArrayList<>(List.of(ChildProcess.java(), "-Xmx512m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                "-Dlogback.configurationFile=io/riskstream/devstack/broker-logback.xml",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private boolean answers() throws Exception {
        if (!Ports.accepts(port)) {
            return false;
        }
        Map<String, Object> config = new HashMap<>(adminConfig());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, PROBE_TIMEOUT_MS);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, PROBE_TIMEOUT_MS);
        try (Admin admin = Admin.create(config)) {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(PROBE_TIMEOUT_MS))
                    .nodes().get(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS).isEmpty();
        }
    }
}
