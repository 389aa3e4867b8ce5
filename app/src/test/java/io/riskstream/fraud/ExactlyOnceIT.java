package io.riskstream.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.riskstream.devstack.KafkaBroker;
import io.riskstream.events.Transaction;
import io.riskstream.platform.AppProcess;
import io.riskstream.platform.TestClients;
import io.riskstream.platform.TestRegistry;
import io.riskstream.platform.Topics;
import io.riskstream.rules.lifecycle.RepositoryRules;

/**
 * Exactly one decision per transactionId for a {@code read_committed} reader, through a crash and through
 * upstream retries, and exactly one shadow decision: the app runs with a shadow ruleset ({@code fraud.shadow}). Everything is real and apart: a KRaft broker and an Apicurio Registry as child processes,
 * and the app as operators run it, {@code target/riskstream.jar} in a JVM of its own, with only the scoring
 * stream. Its logs are in {@code target/it-logs/}.
 */
class ExactlyOnceIT {

    static final int TRANSACTIONS = 3_000;
    static final int CARDS = 40;
    /**
     * Half the transactions are sent at once, so that the app is working through a backlog (with a transaction
     * open) when it is killed; the rest follow in batches of 50 every 250 ms, across the kill and the restart.
     */
    static final int BACKLOG = TRANSACTIONS / 2;
    static final int BATCH = 50;
    static final Duration BATCH_PAUSE = Duration.ofMillis(250);
    /** The app is killed once this many decisions are committed: well into the backlog, far from its end. */
    static final int DECISIONS_BEFORE_CRASH = TRANSACTIONS / 5;
    static final int RETRIED = 200;
    static final int RETRY_CARDS = 10;
    static final Duration START_TIMEOUT = Duration.ofSeconds(150);
    /** A restart waits out the killed member's session and its open transaction before it takes over. */
    static final Duration DECISIONS_TIMEOUT = Duration.ofSeconds(180);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    /**
     * A killed member never says goodbye: the group waits out its session before the restarted app gets its
     * tasks. 10 s instead of the default 45 s keeps the test short; the broker's minimum is 6 s.
     */
    static final String SESSION_TIMEOUT =
            "--spring.cloud.stream.kafka.streams.binder.configuration.session.timeout.ms=10000";
    static final String DUPLICATES_METRIC = "riskstream_fraud_duplicates_total";

    static KafkaBroker broker;
    static String registry;
    static AppProcess app;
    static Path rules;

    @BeforeAll
    static void startBrokerRegistryAndApp() throws IOException {
        broker = KafkaBroker.start();
        registry = TestRegistry.url();
        rules = RepositoryRules.copyWithShadow();
        app = startApp("app-first");
    }

    @AfterAll
    static void stopEverything() {
        if (app != null) {
            app.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everyTransactionHasExactlyOneDecisionThroughAKillAndARestartOnFreshState() throws Exception {
        List<Transaction> sent = transactions("crash", TRANSACTIONS, CARDS);
        List<String> ids = sent.stream().map(Transaction::getTransactionId).toList();
        AtomicInteger sentCount = new AtomicInteger();
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try (DecisionLog decisions = new DecisionLog(broker.bootstrapServers(), registry);
             DecisionLog shadows = shadowLog()) {
            Future<?> sending = sender.submit(() -> sendBacklogThenPaced(sent, sentCount));
            decisions.pollUntil(() -> decisions.decided(ids) >= DECISIONS_BEFORE_CRASH, DECISIONS_TIMEOUT,
                    DECISIONS_BEFORE_CRASH + " decisions before the crash");

            app.kill();
            long decidedBeforeCrash = decisions.decided(ids);
            int sentBeforeCrash = sentCount.get();
            // A fresh state directory, as for an instance replaced on another machine: the restarted app has to
            // restore both stores (card state, seen transactionIds) from their changelogs.
            app = startApp("app-after-crash");
            sending.get(DECISIONS_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            decisions.pollUntil(() -> decisions.decided(ids) == TRANSACTIONS, DECISIONS_TIMEOUT,
                    "a decision for each of " + TRANSACTIONS + " transactions (killed after " + decidedBeforeCrash
                            + " decisions, " + sentBeforeCrash + " sent)");
            decisions.pollToEnd(READ_TIMEOUT);
            System.out.printf("killed the app after %d of %d decisions, %d transactions sent%n", decidedBeforeCrash,
                    TRANSACTIONS, sentBeforeCrash);

            var off = decisions.notExactlyOnce(ids);
            assertThat(off).as("transactionIds without exactly one decision (id=count, first 20): %s",
                    DecisionLog.sample(off)).isEmpty();
            assertThat(decidedBeforeCrash).as("decisions committed before the kill").isPositive()
                    .isLessThan(TRANSACTIONS);
            exactlyOnceInTheShadow(shadows, ids);
        } catch (AssertionError | RuntimeException e) {
            throw app.failure(e);
        } finally {
            sender.shutdownNow();
        }
    }

    @Test
    void retriedTransactionsAreNotDecidedAgainButCounted() throws Exception {
        List<Transaction> originals = transactions("retry", RETRIED, RETRY_CARDS);
        // One more transaction per card after the retries: once it is decided, the retries of its card (in
        // the same partition, before it) have been processed.
        List<Transaction> after = transactions("after-retry", RETRY_CARDS, RETRY_CARDS);
        Set<String> ids = ids(originals, after);
        try (DecisionLog decisions = new DecisionLog(broker.bootstrapServers(), registry);
             DecisionLog shadows = shadowLog();
             KafkaProducer<String, Object> producer = producer()) {
            send(producer, originals);
            decisions.pollUntil(() -> decisions.decided(ids(originals)) == RETRIED, DECISIONS_TIMEOUT,
                    "decisions on the originals");
            double duplicatesBefore = duplicatesCounted();

            send(producer, originals);
            send(producer, after);
            decisions.pollUntil(() -> decisions.decided(ids(after)) == RETRY_CARDS, DECISIONS_TIMEOUT,
                    "decisions on the transactions after the retries");
            decisions.pollToEnd(READ_TIMEOUT);

            var off = decisions.notExactlyOnce(ids);
            assertThat(off).as("transactionIds without exactly one decision (id=count, first 20): %s",
                    DecisionLog.sample(off)).isEmpty();
            assertThat(duplicatesCounted()).as(DUPLICATES_METRIC).isEqualTo(duplicatesBefore + RETRIED);
            exactlyOnceInTheShadow(shadows, ids);
        } catch (AssertionError | RuntimeException e) {
            throw app.failure(e);
        }
    }

    private static AppProcess startApp(String name) throws IOException {
        Path stateDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "it-state-");
        AppProcess started = AppProcess.start(name, List.of(
                "--riskstream.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--riskstream.registry.url=" + registry,
                "--riskstream.rules.directory=" + rules,
                "--riskstream.streams.state-dir=" + stateDir.toAbsolutePath(),
                "--riskstream.topics.partitions=3",
                "--spring.cloud.function.definition=scoreTransactions",
                SESSION_TIMEOUT));
        started.awaitHealthy(START_TIMEOUT);
        return started;
    }

    private static DecisionLog shadowLog() {
        return new DecisionLog(broker.bootstrapServers(), registry, Topics.FRAUD_DECISIONS_SHADOW.name());
    }

    /** The shadow ruleset's decisions, written in the same transactions, are exactly once too. */
    private static void exactlyOnceInTheShadow(DecisionLog shadows, Collection<String> ids) {
        shadows.pollUntil(() -> shadows.decided(ids) == ids.size(), READ_TIMEOUT, "a shadow decision for each of "
                + ids.size() + " transactions");
        shadows.pollToEnd(READ_TIMEOUT);
        var off = shadows.notExactlyOnce(ids);
        assertThat(off).as("transactionIds without exactly one shadow decision (id=count, first 20): %s",
                DecisionLog.sample(off)).isEmpty();
    }

    /** Everyday purchases with unique ids, spread round-robin over {@code cards} cards. */
    private static List<Transaction> transactions(String prefix, int count, int cards) {
        String run = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<Transaction> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String card = run + "-card-" + (i % cards);
            all.add(Transaction.newBuilder().setTransactionId(run + "-tx-" + i).setCardId(card)
                    .setAccountId("account-" + card).setAmountMinor(500 + (i * 37L) % 20_000).setCurrency("EUR")
                    .setMerchantId("merchant-" + i % 7).setMerchantCategory("5411").setCountry("NL")
                    .setChannel("POS").setEventTime(Instant.now()).setDeviceId(null).setIpCountry(null).build());
        }
        return all;
    }

    private static void sendBacklogThenPaced(List<Transaction> all, AtomicInteger sent) {
        try (KafkaProducer<String, Object> producer = producer()) {
            send(producer, all.subList(0, BACKLOG));
            sent.addAndGet(BACKLOG);
            for (int from = BACKLOG; from < all.size(); from += BATCH) {
                List<Transaction> batch = all.subList(from, Math.min(from + BATCH, all.size()));
                send(producer, batch);
                sent.addAndGet(batch.size());
                Thread.sleep(BATCH_PAUSE.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(KafkaProducer<String, Object> producer, List<Transaction> all) {
        all.forEach(tx -> producer.send(new ProducerRecord<>(Topics.TRANSACTIONS.name(), tx.getCardId(), tx)));
        producer.flush();
    }

    private static KafkaProducer<String, Object> producer() {
        return TestClients.avroProducer(broker.bootstrapServers(), registry, true);
    }

    @SafeVarargs
    private static Set<String> ids(List<Transaction>... lists) {
        return Arrays.stream(lists).flatMap(List::stream).map(Transaction::getTransactionId)
                .collect(Collectors.toSet());
    }

    /** The app's count of transactions not scored again, from {@code /actuator/prometheus}. */
    private static double duplicatesCounted() throws IOException, InterruptedException {
        return app.get("/actuator/prometheus").lines().filter(line -> line.startsWith(DUPLICATES_METRIC))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
