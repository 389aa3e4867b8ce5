package io.riskstream.rules.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.riskstream.events.FraudDecision;
import io.riskstream.events.Transaction;
import io.riskstream.platform.AppProcess;
import io.riskstream.platform.TestTransactions;

/** The app as the rules' integration tests run it, on one broker and registry, and decisions asked of it. */
record RulesApp(String bootstrapServers, String registry) {

    static final Duration START_TIMEOUT = Duration.ofSeconds(150);
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** An instance with the repository's rules directory running {@code functions}, once it is healthy. */
    AppProcess start(String name, String functions) throws IOException {
        Path stateDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "it-state-");
        AppProcess started = AppProcess.start(name, List.of(
                "--riskstream.kafka.bootstrap-servers=" + bootstrapServers,
                "--riskstream.registry.url=" + registry,
                "--riskstream.rules.directory=" + RepositoryRules.ROOT,
                "--riskstream.streams.state-dir=" + stateDir.toAbsolutePath(),
                "--riskstream.topics.partitions=2",
                "--spring.cloud.function.definition=" + functions));
        started.awaitHealthy(START_TIMEOUT);
        return started;
    }

    /** Grocery purchases of new cards: approved by the starter rules. */
    static List<Transaction> purchases(int count) {
        return TestTransactions.groceryPurchases(count);
    }

    /** Sends {@code purchases} and reads the decision on each. */
    List<FraudDecision> decide(List<Transaction> purchases) {
        return TestTransactions.decide(Map.of("bootstrap.servers", bootstrapServers), registry, purchases, TIMEOUT);
    }
}
