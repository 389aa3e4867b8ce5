package io.riskstream.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One process of a {@link KafkaCluster}: a controller or a broker in a site. Its storage outlives the process, so
 * that {@link #kill()} then {@link #start()} is a crash and a recovery, not a new node.
 */
public final class KafkaNode {

    /** What the node does in the cluster. */
    public enum Role { CONTROLLER, BROKER }

    private final int id;
    private final String site;
    private final Role role;
    private final int port;
    private final Path dataDir;
    private final Path log;
    private Path config;
    private ChildProcess process;
    private int starts;

    KafkaNode(int id, String site, Role role, int port, Path clusterDir, Path logDir) {
        this.id = id;
        this.site = site;
        this.role = role;
        this.port = port;
        this.dataDir = clusterDir.resolve(role.name().toLowerCase() + "-" + site + "-" + id);
        this.log = logDir.resolve("kafka-" + site + "-" + id + ".log");
    }

    void prepare(String clusterId, String properties) throws IOException {
        Files.createDirectories(dataDir);
        config = dataDir.resolve("server.properties");
        Files.writeString(config, properties);
        KafkaBroker.format(clusterId, config, dataDir, log, null);
    }

    /** Starts the node's process on its storage (again, after a kill); does not wait for it to be ready. */
    public synchronized void start() {
        if (alive()) {
            throw new IllegalStateException(this + " is running");
        }
        try {
            starts++;
            process = ChildProcess.start("Kafka " + this, KafkaBroker.kafkaMain("kafka.Kafka", config.toString()),
                    dataDir, Dirs.logOfStart(log, starts));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + this, e);
        }
    }

    /** SIGKILL, as a lost machine: nothing flushed, nothing said to the cluster. */
    public synchronized void kill() {
        if (process != null) {
            process.kill();
        }
    }

    /** Stops the process gracefully, if it runs. */
    synchronized void stop() {
        if (process != null && alive()) {
            process.close();
        }
    }

    public synchronized boolean alive() {
        return process != null && process.handle().isAlive();
    }

    public int id() {
        return id;
    }

    public String site() {
        return site;
    }

    public Role role() {
        return role;
    }

    public boolean isBroker() {
        return role == Role.BROKER;
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:<port>}. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    Path dataDir() {
        return dataDir;
    }

    Path log() {
        return log;
    }

    @Override
    public String toString() {
        return role.name().toLowerCase() + " " + id + " in " + site;
    }
}
