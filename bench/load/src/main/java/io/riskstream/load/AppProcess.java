package io.riskstream.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.riskstream.devstack.ApicurioRegistryServer;
import io.riskstream.devstack.ChildProcess;
import io.riskstream.devstack.KafkaBroker;
import io.riskstream.devstack.LocalStack;
import io.riskstream.devstack.Ports;

/**
 * The app jar as the local run starts it (LocalStack's arguments: the local profile, the broker and the
 * registry), on a port and a state directory of its own, so that a run beside another stack (the lead's
 * profiling session, ./run-local) shares nothing with it; then the user's {@code --app-arg}s, which win.
 */
final class AppProcess {

    /**
     * In an {@code --app-jvm-arg}, replaced by the name of this start's log without {@code .log} ({@code app},
     * {@code app-2} for the restart...): one JFR file per start instead of the restart's overwriting the drain's.
     */
    static final String START_PLACEHOLDER = "{start}";

    private final LoadOptions options;
    private final List<String> command;
    private final Path log;
    private final Map<String, String> environment;
    private final int port;
    private final String password;
    private ChildProcess process;
    private int starts;

    AppProcess(LoadOptions options, KafkaBroker kafka, ApicurioRegistryServer registry, Path stateDir, Path log,
               List<String> moreArgs) {
        this.options = options;
        this.log = log;
        this.command = new ArrayList<>(List.of("-jar", options.appJar().toString()));
        this.password = UUID.randomUUID().toString().replace("-", "");
        this.port = Ports.free();
        List<String> own = new ArrayList<>(List.of(
                "--riskstream.topics.partitions=" + options.partitions(),
                "--server.port=" + port,
                "--riskstream.streams.state-dir=" + stateDir.toAbsolutePath()));
        own.addAll(moreArgs);
        own.addAll(options.appArgs());
        command.addAll(LocalStack.appArgs(kafka, registry, own));
        this.environment = LocalStack.appEnvironment(password);
    }

    /** The app's HTTP address. */
    String url() {
        return "http://localhost:" + port;
    }

    /** The rules administrator's Authorization header value (the local run's user, this run's password). */
    String rulesAdmin() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((LocalStack.RULES_ADMIN + ":" + password)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The command of the next start. */
    List<String> command() {
        return command(startName(starts + 1));
    }

    static List<String> command(String java, List<String> jvmArgs, List<String> rest, String startName) {
        List<String> full = new ArrayList<>(List.of(java));
        // The local run's JVM options (the collector, by the machine's cores), then the run's own.
        LocalStack.appJvmOptions(jvmArgs).forEach(arg -> full.add(arg.replace(START_PLACEHOLDER, startName)));
        full.addAll(rest);
        return full;
    }

    private List<String> command(String startName) {
        return command(ChildProcess.java(), options.appJvmArgs(), command, startName);
    }

    /** {@code app}, then {@code app-2}, ...: after the log file's name. */
    private String startName(int start) {
        String base = log.getFileName().toString().replace(".log", "");
        return start == 1 ? base : base + "-" + start;
    }

    /** Starts the app; the time it was started (epoch millis), just before the process is created. */
    long start() throws IOException {
        long at = System.currentTimeMillis();
        starts++;
        String name = startName(starts);
        process = ChildProcess.start("Riskstream app", command(name), environment, Path.of("."),
                log.resolveSibling(name + ".log"));
        return at;
    }

    boolean alive() {
        return process != null && process.handle().isAlive();
    }

    /** The running app's process, e.g. for the CPU time it used. */
    ProcessHandle handle() {
        return process.handle();
    }

    /** As a crash: SIGKILL, nothing closed, the group member left to time out. */
    void kill() {
        process.kill();
    }

    void stop() {
        if (process != null) {
            process.close();
        }
    }

    Path log() {
        return log;
    }

    LoadOptions options() {
        return options;
    }
}
