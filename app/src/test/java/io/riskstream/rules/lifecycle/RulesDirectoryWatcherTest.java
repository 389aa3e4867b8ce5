package io.riskstream.rules.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesDirectoryWatcherTest {

    static final Duration QUIET = Duration.ofMillis(300);

    @TempDir
    Path rules;

    private final List<String> published = new CopyOnWriteArrayList<>();
    private RulesDirectoryWatcher watcher;

    @AfterEach
    void stop() {
        watcher.stop();
    }

    @Test
    void aBurstOfSavesPublishesOnce() throws Exception {
        Files.createDirectories(rules.resolve("fraud/tests"));
        Files.createDirectories(rules.resolve("logins"));
        start();

        for (int i = 0; i < 5; i++) {
            Files.writeString(rules.resolve("fraud/velocity.drl"), "rule " + i);
        }
        Files.writeString(rules.resolve("fraud/tests/velocity.yaml"), "cases: []");

        awaitPublished(1);
        Instant settled = Instant.now().plus(QUIET.multipliedBy(3));
        while (Instant.now().isBefore(settled)) {
            assertThat(published).containsExactly("fraud");
            Thread.onSpinWait();
        }
    }

    @Test
    void eachChangedRulesetIsPublished() throws Exception {
        Files.createDirectories(rules.resolve("fraud"));
        Files.createDirectories(rules.resolve("logins"));
        start();

        Files.writeString(rules.resolve("logins/multi-country.drl"), "rule");
        awaitPublished(1);
        Files.writeString(rules.resolve("fraud/amounts.drl"), "rule");
        awaitPublished(2);

        assertThat(published).containsExactly("logins", "fraud");
    }

    @Test
    void aShadowsDirectoryMadeAfterTheStartIsPublishedAndWatchedAndSoIsItsRemoval() throws Exception {
        Files.createDirectories(rules.resolve("fraud"));
        start();

        Path shadow = Files.createDirectories(rules.resolve("fraud.shadow"));
        Files.writeString(shadow.resolve("amounts.drl"), "rule");
        awaitPublished(1);
        Files.createDirectories(shadow.resolve("tests"));
        Files.writeString(shadow.resolve("tests/amounts.yaml"), "cases: []");
        awaitPublished(2);
        Files.delete(shadow.resolve("tests/amounts.yaml"));
        Files.delete(shadow.resolve("tests"));
        Files.delete(shadow.resolve("amounts.drl"));
        Files.delete(shadow);
        awaitPublished(3);

        assertThat(published).containsOnly("fraud.shadow");
    }

    private void start() {
        watcher = new RulesDirectoryWatcher(rules, List.of("fraud", "fraud.shadow", "logins"), QUIET,
                published::add);
        watcher.start();
    }

    private void awaitPublished(int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (published.size() < count) {
            assertThat(Instant.now()).as("waiting for %d publications, got %s", count, published).isBefore(deadline);
            Thread.onSpinWait();
        }
    }
}
