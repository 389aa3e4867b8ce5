package io.riskstream.rules.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.riskstream.rules.engine.RuleSetRejectedException;

/**
 * Publishes a ruleset when its files change: {@code rules/<name>/*.drl} and {@code rules/<name>/tests/*}. An
 * editor's burst of saves publishes once, a quiet period after the last change.
 */
final class RulesDirectoryWatcher implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(RulesDirectoryWatcher.class);

    private final Path directory;
    private final List<String> names;
    private final Duration quietPeriod;
    private final Consumer<String> publish;
    private final Map<String, ScheduledFuture<?>> pending = new HashMap<>();
    private final Map<WatchKey, String> rulesetOfKey = new HashMap<>();
    private ScheduledExecutorService scheduler;
    private WatchService watcher;
    private WatchKey rootKey;
    private volatile boolean running;

    /** @param publish publishes the named ruleset; a rejection is its own business (recorded and logged) */
    RulesDirectoryWatcher(Path directory, List<String> names, Duration quietPeriod, Consumer<String> publish) {
        this.directory = directory;
        this.names = List.copyOf(names);
        this.quietPeriod = quietPeriod;
        this.publish = publish;
    }

    @Override
    public void start() {
        try {
            watcher = FileSystems.getDefault().newWatchService();
            // The directory itself too: a ruleset's directory made later (a shadow's, rules/fraud.shadow) is seen.
            if (Files.isDirectory(directory)) {
                rootKey = directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
            for (String name : names) {
                register(name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + directory.toAbsolutePath(), e);
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rules-watcher-publish");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        Thread loop = new Thread(this::watch, "rules-watcher");
        loop.setDaemon(true);
        loop.start();
        LOG.info("Watching {} for changes to rulesets {}", directory.toAbsolutePath(), names);
    }

    /** Watches the directory of ruleset {@code name} and its test cases', those that exist now. */
    private void register(String name) throws IOException {
        for (Path dir : List.of(directory.resolve(name), directory.resolve(name).resolve(RuleSetFiles.TESTS_DIR))) {
            if (Files.isDirectory(dir)) {
                rulesetOfKey.put(dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE), name);
            }
        }
    }

    private void watch() {
        try {
            while (running) {
                WatchKey key = watcher.take();
                List<WatchEvent<?>> events = key.pollEvents();
                String name = rulesetOfKey.get(key);
                if (key.equals(rootKey)) {
                    for (WatchEvent<?> event : events) {
                        // Made or removed: a ruleset's directory made is watched, and either way it is published.
                        String child = String.valueOf(event.context());
                        if (names.contains(child)) {
                            registerQuietly(child);
                            changed(child);
                        }
                    }
                } else if (name != null) {
                    // A tests directory made after the ruleset's is watched from now on.
                    registerQuietly(name);
                    changed(name);
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    private void registerQuietly(String name) {
        try {
            register(name);
        } catch (IOException e) {
            LOG.warn("Cannot watch the directory of ruleset {}: {}", name, e.getMessage());
        }
    }

    private synchronized void changed(String name) {
        ScheduledFuture<?> earlier = pending.get(name);
        if (earlier != null) {
            earlier.cancel(false);
        }
        pending.put(name, scheduler.schedule(() -> publishQuietly(name), quietPeriod.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void publishQuietly(String name) {
        try {
            publish.accept(name);
        } catch (RuleSetRejectedException alreadyLogged) {
            // the publisher logged and recorded the rejection; the active version stays
        } catch (RuntimeException e) {
            LOG.warn("Ruleset {} changed on disk but was not published: {}", name, e.getMessage());
        }
    }

    @Override
    public void stop() {
        running = false;
        try {
            if (watcher != null) {
                watcher.close();
            }
        } catch (IOException e) {
            LOG.debug("closing the watch service", e);
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
