package io.riskstream.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    private final LoadOptions options;
    private final List<String> command;
    private final Path log;
    private ChildProcess process;
    private int starts;

    AppProcess(LoadOptions options, KafkaBroker kafka, ApicurioRegistryServer registry, Path stateDir, Path log,
               List<String> moreArgs) {
        this.options = options;
        this.log = log;
        this.command = new ArrayList<>(List.of(ChildProcess.java()));
        command.addAll(options.appJvmArgs());
        command.addAll(List.of("-jar", options.appJar().toString()));
        String password = UUID.randomUUID().toString().replace("-", "");
        List<String> own = new ArrayList<>(List.of(
                "--riskstream.topics.partitions=" + options.partitions(),
                "--server.port=" + Ports.free(),
                "--riskstream.streams.state-dir=" + stateDir.toAbsolutePath()));
        own.addAll(moreArgs);
        own.addAll(options.appArgs());
        command.addAll(LocalStack.appArgs(kafka, registry, password, own));
    }

    List<String> command() {
        return command;
    }

    /** Starts the app; the time it was started (epoch millis), just before the process is created. */
    long start() throws IOException {
        long at = System.currentTimeMillis();
        starts++;
        Path thisLog = starts == 1 ? log : log.resolveSibling(log.getFileName().toString().replace(".log",
                "-" + starts + ".log"));
        process = ChildProcess.start("Riskstream app", command, Path.of("."), thisLog);
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
