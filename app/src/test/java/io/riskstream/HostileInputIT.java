package io.riskstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.riskstream.devstack.KafkaBroker;
import io.riskstream.events.FraudDecision;
import io.riskstream.events.LoginEvent;
import io.riskstream.events.MultiCountryAlert;
import io.riskstream.events.SessionSummary;
import io.riskstream.events.SiteEvent;
import io.riskstream.events.Transaction;
import io.riskstream.platform.AppProcess;
import io.riskstream.platform.AvroSerdes;
import io.riskstream.platform.DeadLetters;
import io.riskstream.platform.TestClients;
import io.riskstream.platform.TestRegistry;
import io.riskstream.platform.Topic;
import io.riskstream.platform.Topics;

/**
 * Issue #9, "Nothing stops scoring": a hostile batch on every input topic, while good traffic flows, before and
 * across a {@code kill -9} and a restart, and again after it. Every hostile record must land in its
 * {@code <input>.dlq} exactly once with its reason, every good transaction must get exactly one decision, and the
 * four streams must stay RUNNING with {@code /actuator/health} UP.
 *
 * <p>What is real: a KRaft broker with its default limits (1 MiB records, timestamp checks) and an Apicurio Registry
 * 2.6 holding the schema catalog, both child processes; the app as operators run it, {@code target/riskstream.jar}
 * in a JVM of its own with all four functions, killed with SIGKILL and started again on the same state directory
 * (logs in {@code target/it-logs/hostile-*.log}). The hostile records are written as other systems would write them:
 * raw bytes and headers through a plain producer, and valid Avro of the wrong governed type as bytes plus the
 * Apicurio headers a serializer wrote for that type's own topic. Readers are {@code read_committed}. Only timings
 * are shortened (session timeout, session gap, top-pages windows), so that the class runs in about three minutes.
 *
 * <p>What the dead-letter metric must say is checked per process (it restarts with the process): the first process
 * counted exactly the first batch; the second exactly the second batch plus those in-flight letters it wrote itself
 * (stamped after the kill: dead letters carry the wall clock).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

    static final Duration START_TIMEOUT = Duration.ofSeconds(150);
    static final Duration WAIT = Duration.ofSeconds(150);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    static final List<String> STREAMS =
            List.of("riskstream-fraud", "riskstream-logins", "riskstream-top-pages", "riskstream-sessions");
    static final Pattern THREAD_STATE = Pattern.compile("\"threadState\"\\s*:\\s*\"(\\w+)\"");
    static final Pattern METRIC_LINE = Pattern.compile("^(\\w+)\\{([^}]*)}\\s+(\\S+)$");
    static final String DEAD_LETTERS_METRIC = "riskstream_dead_letters_total";
    static final String LAST_RESORT_METRIC = "riskstream_dead_letters_last_resort_total";
    static final String SESSIONS_SKIPPED_METRIC = "riskstream_sessions_skipped_total";
    static final String REPLACEMENTS_METRIC = "riskstream_streams_thread_replacements_total";
    static final List<Topic<?>> INPUTS = List.of(Topics.TRANSACTIONS, Topics.LOGINS, Topics.SITE_EVENTS);

    // Reason codes (DeadLetterReason is package-private to the platform).
    static final String UNDECODABLE = "undecodable";
    static final String WRONG_TYPE = "wrong-type";
    static final String TOMBSTONE = "tombstone";
    static final String EVENT_TIME = "event-time";
    static final String INVALID = "invalid";

    static KafkaBroker broker;
    static String registry;
    static Path stateDir;
    static volatile AppProcess app;
    /** Producers' serializers as they wrote so far: the schema id in the headers. */
    static Map<Class<?>, Serializer<Object>> serializers;
    /** The serializers of the Confluent framing: magic byte and content id in front of the value. */
    static Map<Class<?>, Serializer<Object>> confluent;
    static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    static void startBrokerRegistryAndApp() throws IOException {
        // The registry and the broker start side by side: both are child processes that mostly wait.
        CompletableFuture<String> registryUrl = CompletableFuture.supplyAsync(TestRegistry::url);
        broker = KafkaBroker.start();
        registry = registryUrl.join();
        serializers = headerFramed(registry);
        confluent = serializers(new AvroSerdes(registry, false));
        stateDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "it-state-");
        app = startApp("hostile-first", stateDir);
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
    @Order(1)
    void hostileRecordsOnEveryInputAreDeadLetteredOnceAndScoringNeverStops() throws Exception {
        Instant started = Instant.now();
        HealthWatch watch = new HealthWatch();
        GoodTraffic traffic = new GoodTraffic();
        ExecutorService background = Executors.newFixedThreadPool(2);
        watch.watch(app);
        background.submit(watch);
        Future<?> sending = background.submit(traffic);
        try (KafkaProducer<byte[], byte[]> hostileProducer = bytesProducer();
             KafkaProducer<String, Object> goodProducer = TestClients.avroProducer(broker.bootstrapServers(),
                     registry, false);
             Committed<Object> decisions = new Committed<>(Topics.FRAUD_DECISIONS.name(), avro());
             Committed<Object> alerts = new Committed<>(Topics.LOGIN_ALERTS.name(), avro());
             Committed<Object> summaries = new Committed<>(Topics.SESSION_SUMMARIES.name(), avro());
             Committed<Object> topPages = new Committed<>(Topics.TOP_PAGES.name(), avro());
             DeadLetterTopics dlqs = new DeadLetterTopics()) {

            // Good traffic is being scored before anything hostile arrives.
            decisions.pollUntil(() -> decisions.size() >= 20, START_TIMEOUT, () -> "the first 20 decisions");
            sendGoodEdgeCases(goodProducer, traffic);
            String travellerBefore = sendTraveller(goodProducer, "before");

            // 1. A hostile batch on every input while good traffic flows.
            List<Sent> first = send(hostileProducer, hostileBatch("h1"));
            dlqs.awaitAll(first, WAIT);
            awaitStreamsRunning(app, WAIT);
            Map<String, Double> expectedFirst = countsByTopicAndReason(first);
            awaitMetrics(app, DEAD_LETTERS_METRIC, expectedFirst, "the first process's " + DEAD_LETTERS_METRIC);
            awaitMetrics(app, SESSIONS_SKIPPED_METRIC, reasonsOf(first, Topics.SITE_EVENTS),
                    "the first process's " + SESSIONS_SKIPPED_METRIC);
            Map<String, Double> firstProcessMetrics = metrics(app);

            // 2. Another hostile batch, and a kill -9 while the app is working through it (and through good traffic).
            List<Sent> inFlight = send(hostileProducer, hostileBatch("h1k"));
            watch.watch(null);
            Instant killed = Instant.now();
            app.kill();
            app = startApp("hostile-after-kill", stateDir);
            watch.watch(app);
            long topPagesAtRestart = topPages.size();

            // 3. After the restart: more good and hostile records.
            String travellerAfter = sendTraveller(goodProducer, "after");
            List<Sent> second = send(hostileProducer, hostileBatch("h2"));
            List<Sent> afterKill = concat(inFlight, second);
            dlqs.awaitAll(afterKill, WAIT);
            // The top-pages stream publishes windows after the restart, with good and hostile site events in them.
            topPages.pollUntil(() -> topPages.size() > topPagesAtRestart, WAIT, () -> "a top-pages window published"
                    + " after the restart (" + topPagesAtRestart + " before it)");

            traffic.stop();
            sending.get(30, TimeUnit.SECONDS);
            assertThat(traffic.sendFailures).as("good records the test's producer could not send").isEmpty();
            Set<String> goodIds = traffic.transactionIds();
            decisions.pollUntil(() -> decidedCount(decisions, goodIds) == goodIds.size(), WAIT,
                    () -> "a decision for each of " + goodIds.size() + " good transactions ("
                            + decidedCount(decisions, goodIds) + " so far)");
            Map<String, Integer> shoppers = traffic.shopperEvents();
            summaries.pollUntil(() -> summarizedEvents(summaries).keySet().containsAll(shoppers.keySet()), WAIT,
                    () -> "session summaries of all " + shoppers.size() + " good shoppers; "
                            + missingSummaries(summaries, shoppers.keySet(), traffic, killed, dlqs));
            alerts.pollUntil(() -> alertCounts(alerts).keySet().containsAll(List.of(travellerBefore, travellerAfter)),
                    WAIT, () -> "the alerts of the two multi-country travellers");
            for (Committed<?> log : List.of(decisions, alerts, summaries)) {
                log.pollToEnd(READ_TIMEOUT);
            }
            dlqs.pollToEnd(READ_TIMEOUT);
            awaitStreamsRunning(app, WAIT);

            List<Sent> all = concat(first, afterKill);
            Map<String, Double> expectedSecond = countsByTopicAndReason(second);
            List<ConsumerRecord<byte[], byte[]>> inFlightAfterKill = dlqs.letters(inFlight).stream()
                    .filter(letter -> !Instant.ofEpochMilli(letter.timestamp()).isBefore(killed)).toList();
            inFlightAfterKill.forEach(letter -> expectedSecond.merge(metricKey(header(letter,
                    DeadLetters.TOPIC_HEADER), header(letter, DeadLetters.REASON_CODE_HEADER)), 1.0, Double::sum));
            awaitMetrics(app, DEAD_LETTERS_METRIC, expectedSecond, "the second process's " + DEAD_LETTERS_METRIC
                    + " (the second batch, and the in-flight letters written after the kill)");
            Map<String, Double> secondProcessMetrics = metrics(app);

            // What was seen, then what must hold.
            Map<String, Integer> decisionCounts = countBy(decisions.records, r -> ((FraudDecision) r.value()).getTransactionId());
            Map<String, Integer> offDecisions = notExactlyOnce(goodIds, decisionCounts);
            Set<String> unexpectedDecisions = new TreeSet<>(decisionCounts.keySet());
            unexpectedDecisions.removeAll(goodIds);
            List<String> letterProblems = dlqs.problems(all, started);
            Map<String, Integer> letterCopies = dlqs.copiesByMarker();
            long lost = offDecisions.values().stream().filter(count -> count == 0).count()
                    + all.stream().filter(sent -> letterCopies.getOrDefault(sent.marker(), 0) == 0).count();
            long duplicated = offDecisions.values().stream().filter(count -> count > 1).count()
                    + all.stream().filter(sent -> letterCopies.getOrDefault(sent.marker(), 0) > 1).count();
            Map<String, Long> lettersByTopic = dlqs.lettersByInput();
            Map<String, long[]> eventsPerShopper = summarizedEvents(summaries);
            Map<String, Integer> alertsPerUser = alertCounts(alerts);
            long hostileKinds = all.stream().map(sent -> sent.hostile().kind()).distinct().count();
            System.out.printf("HostileInputIT summary: %d kinds of bad input (%d hostile records: %s) on transactions,"
                            + " logins, site-events, before, during and after a kill -9; dead-lettered: %s;"
                            + " restarts=1 (kill -9); good: %d transactions decided, %d logins, %d site events"
                            + " (%d shoppers summarized, %d multi-country alerts); lost=%d, duplicated=%d;"
                            + " of the %d hostile records in flight at the kill, %d were dead-lettered before it and"
                            + " %d after the restart; health not UP %d times in %d checks (%d unanswered)%n",
                    hostileKinds, all.size(), countBy(all, sent -> sent.hostile().topic()), lettersByTopic,
                    goodIds.size() - offDecisions.values().stream().filter(c -> c == 0).count(),
                    traffic.logins.get(), traffic.siteEvents.get(), eventsPerShopper.size(),
                    alertsPerUser.values().stream().mapToInt(Integer::intValue).sum(), lost, duplicated,
                    inFlight.size(), inFlight.size() - inFlightAfterKill.size(), inFlightAfterKill.size(),
                    watch.notUp.size(), watch.checks.get(), watch.unanswered.get());
            dlqs.notes.forEach(note -> System.out.println("HostileInputIT note: " + note));
            System.out.println("HostileInputIT kinds: " + all.stream().filter(s -> s.hostile().tag().equals("h1"))
                    .map(s -> s.hostile().topic() + ":" + s.hostile().kind() + "->" + s.hostile().code())
                    .collect(Collectors.joining(", ")));

            assertThat(app.isAlive()).as("the app is alive").isTrue();
            assertThat(watch.notUp).as("health answers that were not UP while the app was meant to be running")
                    .isEmpty();
            assertThat(offDecisions).as("good transactionIds without exactly one decision (id=count, first 20): %s",
                    sample(offDecisions)).isEmpty();
            assertThat(unexpectedDecisions).as("decisions for transactions that were not good ones").isEmpty();
            assertThat(letterProblems).as("dead-letter problems").isEmpty();
            assertThat(lettersByTopic).as("dead letters per input topic")
                    .isEqualTo(countsAsLong(countBy(all, sent -> sent.hostile().topic())));
            Map<String, Integer> summaryProblems = new TreeMap<>();
            shoppers.forEach((shopper, events) -> {
                long[] seen = eventsPerShopper.get(shopper);
                if (seen == null || seen[0] != events) {
                    summaryProblems.put(shopper, seen == null ? 0 : (int) seen[0]);
                }
            });
            assertThat(summaryProblems).as("shoppers whose summaries do not add up to the events sent (shopper ="
                    + " events summarized)").isEmpty();
            assertThat(eventsPerShopper.keySet()).as("summarized users").isSubsetOf(shoppers.keySet());
            assertThat(alertsPerUser).as("multi-country alerts per user")
                    .isEqualTo(Map.of(travellerBefore, 1, travellerAfter, 1));
            for (Map<String, Double> process : List.of(firstProcessMetrics, secondProcessMetrics)) {
                assertThat(sumOf(process, LAST_RESORT_METRIC)).as(LAST_RESORT_METRIC).isZero();
                assertThat(sumOf(process, REPLACEMENTS_METRIC)).as(REPLACEMENTS_METRIC + ": stream threads died")
                        .isZero();
            }
            assertThat(lost).isZero();
            assertThat(duplicated).isZero();
        } catch (AssertionError | Exception e) {
            throw withAppLog(e);
        } finally {
            traffic.stop();
            watch.stop();
            background.shutdownNow();
        }
    }

    /**
     * Records on {@code rulesets} that the follower cannot read: random bytes, a tombstone and a value of another
     * governed schema, all under key {@code fraud}. Scoring goes on, and the app still starts afterwards.
     */
    @Test
    @Order(2)
    void unreadableRulesetRecordsStopNeitherScoringNorARestart() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = bytesProducer();
             KafkaProducer<String, Object> goodProducer = TestClients.avroProducer(broker.bootstrapServers(),
                     registry, false);
             Committed<Object> decisions = new Committed<>(Topics.FRAUD_DECISIONS.name(), avro())) {
            byte[] key = "fraud".getBytes(StandardCharsets.UTF_8);
            byte[] random = new byte[64];
            new Random(64).nextBytes(random);
            Encoded login = encode(login("rules-intruder", "NL", Instant.now()));
            String topic = Topics.RULESETS.name();
            producer.send(new ProducerRecord<>(topic, null, key, random)).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(topic, null, key, null)).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(topic, null, null, key, login.value(), login.headers()))
                    .get(30, TimeUnit.SECONDS);

            awaitDecision(goodProducer, decisions, "rules-while-running");
            awaitStreamsRunning(app, WAIT);

            app.kill();
            app = startApp("hostile-rules-restart", Files.createTempDirectory(Path.of("target"), "it-state-"));
            awaitDecision(goodProducer, decisions, "rules-after-restart");
            awaitStreamsRunning(app, WAIT);
        } catch (AssertionError | Exception e) {
            throw withAppLog(e);
        }
    }

    private static void awaitDecision(KafkaProducer<String, Object> producer, Committed<Object> decisions,
                                      String prefix) throws Exception {
        Transaction tx = transaction(prefix + "-" + RUN + "-tx", prefix + "-" + RUN + "-card", Instant.now());
        producer.send(new ProducerRecord<>(Topics.TRANSACTIONS.name(), tx.getCardId(), tx)).get(30, TimeUnit.SECONDS);
        decisions.pollUntil(() -> decisions.records.stream()
                        .anyMatch(r -> ((FraudDecision) r.value()).getTransactionId().equals(tx.getTransactionId())),
                WAIT, () -> "a decision on " + tx.getTransactionId());
        FraudDecision decision = decisions.records.stream().map(r -> (FraudDecision) r.value())
                .filter(d -> d.getTransactionId().equals(tx.getTransactionId())).findFirst().orElseThrow();
        assertThat(decision.getRulesetVersion()).as("ruleset version of the decision").isPositive();
    }

    // ---------------------------------------------------------------------------------------------------------
    // The hostile set

    /** A record no stream may process: sent as raw bytes and headers; {@code code} is the reason expected. */
    record Hostile(String tag, String kind, String topic, byte[] key, byte[] value, Headers headers, String code) {
    }

    /** Where a hostile record landed on its input topic: the dead letter's headers name it. */
    record Sent(Hostile hostile, int partition, long offset) {
        String marker() {
            return marker(hostile.topic(), partition, offset);
        }

        static String marker(String topic, int partition, long offset) {
            return topic + "/" + partition + "@" + offset;
        }
    }

    /** Bytes and headers as the Apicurio serializer wrote them for a topic. */
    record Encoded(byte[] value, Headers headers) {
    }

    /** A valid record of an input topic with key and value, made from a unique suffix and an event time. */
    @FunctionalInterface
    interface Valid {
        Keyed make(String unique, Instant eventTime);
    }

    record Keyed(String key, SpecificRecord value) {
    }

    static List<Hostile> hostileBatch(String tag) {
        List<Hostile> all = new ArrayList<>();
        all.addAll(transactionCases(tag));
        all.addAll(loginCases(tag));
        all.addAll(siteEventCases(tag));
        return all;
    }

    private static List<Hostile> transactionCases(String tag) {
        String topic = Topics.TRANSACTIONS.name();
        String p = tag + "-" + RUN;
        Valid valid = (u, at) -> {
            String card = p + "-card-" + u;
            return new Keyed(card, transaction(p + "-tx-" + u, card, at));
        };
        Instant now = Instant.now();
        List<Hostile> cases = new ArrayList<>(common(tag, topic, valid, List.of(
                login(p + "-login-user", "NL", now),
                siteEvent(p + "-site-ev", p + "-site-user", "PAGE_VIEW", "/p/1", null, now),
                decision(p + "-decision", p + "-decision-card", now))));
        String card = p + "-card-field";
        Transaction.Builder base = Transaction.newBuilder(transaction(p + "-tx-field", card, now));
        cases.add(field(tag, topic, "empty transactionId", card, base.setTransactionId("").build(), INVALID));
        base = Transaction.newBuilder(transaction(p + "-tx-field", card, now));
        cases.add(field(tag, topic, "blank transactionId", card, base.setTransactionId("   ").build(), INVALID));
        base = Transaction.newBuilder(transaction(p + "-tx-field", card, now));
        cases.add(field(tag, topic, "300-char transactionId", card, base.setTransactionId(p + "x".repeat(300)).build(),
                INVALID));
        base = Transaction.newBuilder(transaction(p + "-tx-field", card, now));
        cases.add(field(tag, topic, "NUL in transactionId", card, base.setTransactionId(p + "-tx\u0000nul").build(),
                INVALID));
        base = Transaction.newBuilder(transaction(p + "-tx-field", card, now));
        cases.add(field(tag, topic, "newline in transactionId", card, base.setTransactionId(p + "-tx\nnl").build(),
                INVALID));
        base = Transaction.newBuilder(transaction(p + "-tx-field", card, now));
        cases.add(field(tag, topic, "C1 control U+0085 in transactionId", card,
                base.setTransactionId(p + "-tx\u0085c1").build(), INVALID));
        base = Transaction.newBuilder(transaction(p + "-tx-field", card, now));
        cases.add(field(tag, topic, "U+FFFD in transactionId", card, base.setTransactionId(p + "-tx\uFFFD").build(),
                INVALID));
        cases.add(notUtf8(tag, topic, "transactionId bytes not UTF-8", card,
                transaction(p + "-tx-@@@@", card, now)));
        String longCard = p + "-card-" + "c".repeat(300);
        cases.add(field(tag, topic, "300-char cardId (and key)", longCard, transaction(p + "-tx-lc", longCard, now),
                INVALID));
        cases.add(field(tag, topic, "empty cardId (and key)", "", transaction(p + "-tx-ec", "", now), INVALID));
        base = Transaction.newBuilder(transaction(p + "-tx-field", card, now));
        cases.add(field(tag, topic, "negative amount", card, base.setAmountMinor(-1).build(), INVALID));
        base = Transaction.newBuilder(transaction(p + "-tx-field", card, now));
        cases.add(field(tag, topic, "amount Long.MAX_VALUE", card, base.setAmountMinor(Long.MAX_VALUE).build(),
                INVALID));
        base = Transaction.newBuilder(transaction(p + "-tx-field", card, now));
        cases.add(field(tag, topic, "amount Long.MIN_VALUE", card, base.setAmountMinor(Long.MIN_VALUE).build(),
                INVALID));
        base = Transaction.newBuilder(transaction(p + "-tx-field", card, now));
        cases.add(field(tag, topic, "amount just above the believable maximum", card,
                base.setAmountMinor(100_000_000_001L).build(), INVALID));
        base = Transaction.newBuilder(transaction(p + "-tx-field", card, now));
        cases.add(field(tag, topic, "currency EURO", card, base.setCurrency("EURO").build(), INVALID));
        base = Transaction.newBuilder(transaction(p + "-tx-field", card, now));
        cases.add(field(tag, topic, "currency lower case", card, base.setCurrency("eur").build(), INVALID));
        base = Transaction.newBuilder(transaction(p + "-tx-field", card, now));
        cases.add(field(tag, topic, "empty currency", card, base.setCurrency("").build(), INVALID));
        base = Transaction.newBuilder(transaction(p + "-tx-field", card, now));
        cases.add(field(tag, topic, "300-char country", card, base.setCountry("N".repeat(300)).build(), INVALID));
        base = Transaction.newBuilder(transaction(p + "-tx-field", card, now));
        cases.add(field(tag, topic, "valid Avro of ~900 KB (merchantId)", card,
                base.setMerchantId("m".repeat(900_000)).build(), INVALID));
        return cases;
    }

    private static List<Hostile> loginCases(String tag) {
        String topic = Topics.LOGINS.name();
        String p = tag + "-" + RUN;
        Valid valid = (u, at) -> {
            String user = p + "-user-" + u;
            return new Keyed(user, login(user, "NL", at));
        };
        Instant now = Instant.now();
        List<Hostile> cases = new ArrayList<>(common(tag, topic, valid, List.of(
                transaction(p + "-tx-in-logins", p + "-card-in-logins", now),
                siteEvent(p + "-site-ev", p + "-site-user", "PAGE_VIEW", "/p/1", null, now))));
        cases.add(field(tag, topic, "empty userId (and key)", "", login("", "NL", now), INVALID));
        cases.add(field(tag, topic, "blank userId (and key)", "  ", login("  ", "NL", now), INVALID));
        String longUser = p + "u".repeat(300);
        cases.add(field(tag, topic, "300-char userId (and key)", longUser, login(longUser, "NL", now), INVALID));
        String nul = p + "-user\u0000nul";
        cases.add(field(tag, topic, "NUL in userId (and key)", nul, login(nul, "NL", now), INVALID));
        String c1 = p + "-user\u0085c1";
        cases.add(field(tag, topic, "C1 control U+0085 in userId (and key)", c1, login(c1, "NL", now), INVALID));
        String fffd = p + "-user\uFFFD";
        cases.add(field(tag, topic, "U+FFFD in userId (and key)", fffd, login(fffd, "NL", now), INVALID));
        cases.add(notUtf8(tag, topic, "userId bytes not UTF-8", p + "-user-@@@@", login(p + "-user-@@@@", "NL", now)));
        String user = p + "-user-field";
        cases.add(field(tag, topic, "country ZZ", user, login(user, "ZZ", now), INVALID));
        cases.add(field(tag, topic, "country as a name", user, login(user, "Germany", now), INVALID));
        cases.add(field(tag, topic, "empty country", user, login(user, "", now), INVALID));
        LoginEvent longIp = LoginEvent.newBuilder(login(user, "NL", now)).setIpAddress("1".repeat(300)).build();
        cases.add(field(tag, topic, "300-char ipAddress", user, longIp, INVALID));
        LoginEvent hugeIp = LoginEvent.newBuilder(login(user, "NL", now)).setIpAddress("9".repeat(900_000)).build();
        cases.add(field(tag, topic, "valid Avro of ~900 KB (ipAddress)", user, hugeIp, INVALID));
        return cases;
    }

    private static List<Hostile> siteEventCases(String tag) {
        String topic = Topics.SITE_EVENTS.name();
        String p = tag + "-" + RUN;
        Valid valid = (u, at) -> {
            String user = p + "-shopper-" + u;
            return new Keyed(user, siteEvent(p + "-ev-" + u, user, "PAGE_VIEW", "/p/hostile", null, at));
        };
        Instant now = Instant.now();
        List<Hostile> cases = new ArrayList<>(common(tag, topic, valid, List.of(
                transaction(p + "-tx-in-site", p + "-card-in-site", now),
                login(p + "-login-in-site", "NL", now))));
        String user = p + "-shopper-field";
        String ev = p + "-ev-field";
        cases.add(field(tag, topic, "empty eventId", user, siteEvent("", user, "PAGE_VIEW", "/p/1", null, now),
                INVALID));
        cases.add(field(tag, topic, "300-char eventId", user,
                siteEvent(p + "e".repeat(300), user, "PAGE_VIEW", "/p/1", null, now), INVALID));
        cases.add(field(tag, topic, "NUL in eventId", user,
                siteEvent(p + "-ev\u0000", user, "PAGE_VIEW", "/p/1", null, now), INVALID));
        cases.add(field(tag, topic, "U+FFFD in eventId", user,
                siteEvent(p + "-ev\uFFFD", user, "PAGE_VIEW", "/p/1", null, now), INVALID));
        cases.add(notUtf8(tag, topic, "eventId bytes not UTF-8", user,
                siteEvent(p + "-ev-@@@@", user, "PAGE_VIEW", "/p/1", null, now)));
        String longUser = p + "s".repeat(300);
        cases.add(field(tag, topic, "300-char userId (and key)", longUser,
                siteEvent(ev, longUser, "PAGE_VIEW", "/p/1", null, now), INVALID));
        cases.add(field(tag, topic, "empty userId (and key)", "", siteEvent(ev, "", "PAGE_VIEW", "/p/1", null, now),
                INVALID));
        cases.add(field(tag, topic, "newline in page", user,
                siteEvent(ev, user, "PAGE_VIEW", "/p/1\n/p/2", null, now), INVALID));
        cases.add(field(tag, topic, "empty page", user, siteEvent(ev, user, "PAGE_VIEW", "", null, now), INVALID));
        cases.add(field(tag, topic, "blank page", user, siteEvent(ev, user, "PAGE_VIEW", "   ", null, now), INVALID));
        cases.add(field(tag, topic, "3000-char page", user,
                siteEvent(ev, user, "PAGE_VIEW", "/" + "p".repeat(3000), null, now), INVALID));
        cases.add(field(tag, topic, "300-char type", user, siteEvent(ev, user, "T".repeat(300), "/p/1", null, now),
                INVALID));
        cases.add(field(tag, topic, "cart change without amount", user,
                siteEvent(ev, user, "ADD_TO_CART", "/cart", null, now), INVALID));
        cases.add(field(tag, topic, "cart change of zero", user, siteEvent(ev, user, "ADD_TO_CART", "/cart", 0L, now),
                INVALID));
        cases.add(field(tag, topic, "negative cart change", user,
                siteEvent(ev, user, "REMOVE_FROM_CART", "/cart", Long.MIN_VALUE, now), INVALID));
        cases.add(field(tag, topic, "valid Avro of ~900 KB (page)", user,
                siteEvent(ev, user, "PAGE_VIEW", "/" + "q".repeat(900_000), null, now), INVALID));
        return cases;
    }

    /** The kinds of bad input every input topic gets alike. */
    private static List<Hostile> common(String tag, String topic, Valid valid, List<SpecificRecord> otherTypes) {
        Random random = new Random((tag + topic).hashCode());
        Instant now = Instant.now();
        List<Hostile> cases = new ArrayList<>();
        Keyed ok = valid.make("common", now);
        byte[] key = utf8(ok.key());
        Encoded own = encode(ok.value());

        byte[] notAvro = randomBytes(random, 256);
        notAvro[0] = 0x42;
        cases.add(new Hostile(tag, "random bytes", topic, key, notAvro, new RecordHeaders(), UNDECODABLE));
        byte[] magic = randomBytes(random, 256);
        magic[0] = 0;
        cases.add(new Hostile(tag, "random bytes behind the magic byte", topic, key, magic, new RecordHeaders(),
                UNDECODABLE));
        cases.add(new Hostile(tag, "random bytes with the registry headers", topic, key, randomBytes(random, 256),
                copy(own.headers()), UNDECODABLE));
        cases.add(new Hostile(tag, "empty value", topic, key, new byte[0], new RecordHeaders(), UNDECODABLE));
        cases.add(new Hostile(tag, "tombstone", topic, key, null, new RecordHeaders(), TOMBSTONE));
        cases.add(new Hostile(tag, "tombstone without key", topic, null, null, new RecordHeaders(), TOMBSTONE));
        cases.add(new Hostile(tag, "null key", topic, null, own.value(), copy(own.headers()), INVALID));
        cases.add(new Hostile(tag, "empty key", topic, new byte[0], own.value(), copy(own.headers()), INVALID));
        cases.add(new Hostile(tag, "500 KB key", topic, utf8("k".repeat(500_000)), own.value(),
                copy(own.headers()), INVALID));
        cases.add(new Hostile(tag, "key bytes not UTF-8", topic, new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF},
                own.value(), copy(own.headers()), INVALID));
        cases.add(new Hostile(tag, "key is not the id", topic, utf8(ok.key() + "-someone-else"), own.value(),
                copy(own.headers()), INVALID));
        for (SpecificRecord other : otherTypes) {
            Encoded foreign = encode(other);
            String type = other.getSchema().getName();
            cases.add(new Hostile(tag, "valid " + type + " with its registry headers", topic, key, foreign.value(),
                    copy(foreign.headers()), WRONG_TYPE));
        }
        Encoded foreign = encode(otherTypes.get(0));
        cases.add(new Hostile(tag, "valid " + otherTypes.get(0).getSchema().getName() + " without registry headers",
                topic, key, foreign.value(), new RecordHeaders(), UNDECODABLE));
        cases.add(new Hostile(tag, "own type without registry headers", topic, key, own.value(), new RecordHeaders(),
                UNDECODABLE));
        // The Confluent framing: the id in the value, behind the magic byte.
        cases.add(new Hostile(tag, "valid " + otherTypes.get(0).getSchema().getName() + " in the Confluent framing",
                topic, key, encodeConfluent(otherTypes.get(0)).value(), new RecordHeaders(), WRONG_TYPE));
        byte[] unknownContentId = encodeConfluent(ok.value()).value().clone();
        ByteBuffer.wrap(unknownContentId, 1, 4).putInt(2_000_000_000);
        cases.add(new Hostile(tag, "own type behind an unknown content id", topic, key, unknownContentId,
                new RecordHeaders(), UNDECODABLE));
        cases.add(new Hostile(tag, "magic byte and half an id", topic, key, new byte[] {0, 0, 1}, new RecordHeaders(),
                UNDECODABLE));
        cases.add(new Hostile(tag, "unknown schema id", topic, key, own.value(),
                withGlobalId(own.headers(), 7_777_777_777L), UNDECODABLE));
        cases.add(new Hostile(tag, "schema id -1", topic, key, own.value(), withGlobalId(own.headers(), -1L),
                UNDECODABLE));
        cases.add(new Hostile(tag, "schema id Long.MAX_VALUE", topic, key, own.value(),
                withGlobalId(own.headers(), Long.MAX_VALUE), UNDECODABLE));
        cases.add(new Hostile(tag, "schema id header of 3 bytes", topic, key, own.value(),
                withIdHeader(own.headers(), new byte[] {1, 2, 3}), UNDECODABLE));
        cases.add(new Hostile(tag, "truncated Avro", topic, key, Arrays.copyOf(own.value(), own.value().length / 2),
                copy(own.headers()), UNDECODABLE));
        cases.add(new Hostile(tag, "Avro string length prefix of 2 GB", topic, key,
                concat(zigzagVarint(2_000_000_000L), randomBytes(random, 32)), copy(own.headers()), UNDECODABLE));
        cases.add(new Hostile(tag, "negative Avro length prefix", topic, key,
                concat(zigzagVarint(-5L), randomBytes(random, 32)), copy(own.headers()), UNDECODABLE));

        Map<String, Instant> times = new LinkedHashMap<>();
        times.put("event time 400 days ahead", now.plus(400, ChronoUnit.DAYS));
        times.put("event time 10 minutes ahead", now.plus(10, ChronoUnit.MINUTES));
        times.put("event time 8 days ago", now.minus(8, ChronoUnit.DAYS));
        times.put("event time 10 years ago", now.minus(3653, ChronoUnit.DAYS));
        times.put("event time before 1970", Instant.ofEpochMilli(-86_400_000L));
        times.put("event time Long.MAX_VALUE ms", Instant.ofEpochMilli(Long.MAX_VALUE));
        times.put("event time Long.MIN_VALUE ms", Instant.ofEpochMilli(Long.MIN_VALUE));
        int i = 0;
        for (Map.Entry<String, Instant> time : times.entrySet()) {
            Keyed timed = valid.make("time-" + i++, time.getValue());
            Encoded encoded = encode(timed.value());
            cases.add(new Hostile(tag, time.getKey(), topic, utf8(timed.key()), encoded.value(), encoded.headers(),
                    EVENT_TIME));
        }

        Keyed headed = valid.make("big-headers", now);
        Encoded headedValue = encode(headed.value());
        Headers big = bigHeaders(random, headedValue.headers(), 200 * 1024);
        cases.add(new Hostile(tag, "200 KB of headers", topic, utf8(headed.key()), headedValue.value(), big, INVALID));
        cases.add(new Hostile(tag, "200 KB of headers and a 700 KB random value", topic, key,
                randomBytes(random, 700 * 1024), bigHeaders(random, new RecordHeaders(), 200 * 1024), UNDECODABLE));
        return cases;
    }

    private static Hostile field(String tag, String topic, String kind, String key, SpecificRecord value,
                                 String code) {
        Encoded encoded = encode(value);
        return new Hostile(tag, kind, topic, key == null ? null : utf8(key), encoded.value(), encoded.headers(), code);
    }

    /** {@code value} with the bytes of "@@@@" in it replaced by bytes that are not UTF-8. */
    private static Hostile notUtf8(String tag, String topic, String kind, String key, SpecificRecord value) {
        Encoded encoded = encode(value);
        byte[] bytes = encoded.value().clone();
        byte[] marker = utf8("@@@@");
        int at = indexOf(bytes, marker);
        assertThat(at).as("placeholder in the encoded %s", kind).isNotNegative();
        System.arraycopy(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xC3, 0x28}, 0, bytes, at, 4);
        return new Hostile(tag, kind, topic, utf8(key), bytes, encoded.headers(), INVALID);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Good traffic

    /**
     * Valid transactions, logins and site events, a batch every 200 ms until stopped. Some ids carry emoji and
     * bidirectional marks: valid text, which must be processed like any other.
     */
    static final class GoodTraffic implements Runnable {

        static final Duration PAUSE = Duration.ofMillis(200);
        static final int CARDS = 24;
        static final int USERS = 12;
        static final List<String> COUNTRIES = List.of("NL", "DE", "FR", "BE");

        private final Set<String> transactionIds = ConcurrentHashMap.newKeySet();
        private final Map<String, Integer> shopperEvents = new ConcurrentHashMap<>();
        final Map<String, Instant> shopperSent = new ConcurrentHashMap<>();
        final AtomicInteger logins = new AtomicInteger();
        final AtomicInteger siteEvents = new AtomicInteger();
        final List<String> sendFailures = new CopyOnWriteArrayList<>();
        private volatile boolean stopped;

        @Override
        public void run() {
            List<String> cards = new ArrayList<>();
            for (int c = 0; c < CARDS; c++) {
                cards.add(switch (c) {
                    case 0 -> "card-\uD83D\uDCB3-" + RUN;
                    case 1 -> "card-\u200F\u05D0-" + RUN + "-\uD83C\uDDF3\uD83C\uDDF1";
                    default -> "card-" + RUN + "-" + c;
                });
            }
            List<String> users = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                users.add(u == 0 ? "user-\uD83D\uDE42-\u202E-" + RUN : "user-" + RUN + "-" + u);
            }
            try (KafkaProducer<String, Object> producer = TestClients.avroProducer(broker.bootstrapServers(),
                    registry, false)) {
                int n = 0;
                while (!stopped) {
                    for (int i = 0; i < 4; i++, n++) {
                        String card = cards.get(n % CARDS);
                        String id = (n % 10 == 0 ? "tx-\uD83D\uDE80\u200D-" : "tx-") + RUN + "-" + n;
                        Transaction tx = transaction(id, card, Instant.now());
                        producer.send(new ProducerRecord<>(Topics.TRANSACTIONS.name(), card, tx), this::sent);
                        transactionIds.add(id);
                    }
                    for (int i = 0; i < 2; i++) {
                        int u = (n + i) % USERS;
                        String user = users.get(u);
                        producer.send(new ProducerRecord<>(Topics.LOGINS.name(), user,
                                login(user, COUNTRIES.get(u % COUNTRIES.size()), Instant.now())), this::sent);
                        logins.incrementAndGet();
                    }
                    String shopper = (n % 5 == 0 ? "shopper-\uD83D\uDED2\u200F-" : "shopper-") + RUN + "-" + n;
                    List<SiteEvent> events = List.of(
                            siteEvent("ev-" + RUN + "-" + n + "-1", shopper, "PAGE_VIEW", "/p/" + n % 5, null,
                                    Instant.now()),
                            siteEvent("ev-" + RUN + "-" + n + "-2", shopper, "PAGE_VIEW", "/p/" + (n + 1) % 5, null,
                                    Instant.now()),
                            siteEvent("ev-" + RUN + "-" + n + "-3", shopper, "ADD_TO_CART", "/cart", 1999L,
                                    Instant.now()));
                    events.forEach(event -> producer.send(new ProducerRecord<>(Topics.SITE_EVENTS.name(), shopper,
                            event), this::sent));
                    shopperEvents.put(shopper, events.size());
                    shopperSent.put(shopper, Instant.now());
                    siteEvents.addAndGet(events.size());
                    producer.flush();
                    Thread.sleep(PAUSE.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** A good record the broker did not take would be counted as lost: say so instead. */
        private void sent(RecordMetadata metadata, Exception failure) {
            if (failure != null) {
                sendFailures.add(failure.toString());
            }
        }

        void add(String transactionId) {
            transactionIds.add(transactionId);
        }

        void stop() {
            stopped = true;
        }

        Set<String> transactionIds() {
            return Set.copyOf(transactionIds);
        }

        Map<String, Integer> shopperEvents() {
            return Map.copyOf(shopperEvents);
        }
    }

    /** Good transactions at the edges of the accepted event-time window: they must be decided like any other. */
    private static void sendGoodEdgeCases(KafkaProducer<String, Object> producer, GoodTraffic traffic)
            throws Exception {
        Instant now = Instant.now();
        Map<String, Instant> edges = Map.of(
                "six-days-old", now.minus(6, ChronoUnit.DAYS),
                "two-minutes-ahead", now.plus(2, ChronoUnit.MINUTES),
                "with-\uD83D\uDC69\u200D\uD83D\uDCBB-and-\u200F\u05E9", now);
        for (Map.Entry<String, Instant> edge : edges.entrySet()) {
            String id = "tx-edge-" + edge.getKey() + "-" + RUN;
            Transaction tx = transaction(id, "card-edge-" + edge.getKey() + "-" + RUN, edge.getValue());
            producer.send(new ProducerRecord<>(Topics.TRANSACTIONS.name(), tx.getCardId(), tx))
                    .get(30, TimeUnit.SECONDS);
            traffic.add(id);
        }
    }

    /** Four logins of one user from four countries within a minute: one multi-country alert. */
    private static String sendTraveller(KafkaProducer<String, Object> producer, String when) throws Exception {
        String user = "traveller-" + when + "-" + RUN;
        Instant start = Instant.now().minusSeconds(40);
        List<String> countries = List.of("DE", "FR", "IT", "ES");
        for (int i = 0; i < countries.size(); i++) {
            producer.send(new ProducerRecord<>(Topics.LOGINS.name(), user,
                    login(user, countries.get(i), start.plusSeconds(10L * i))));
        }
        producer.flush();
        return user;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Reading what the app wrote

    /** A topic as a read_committed reader sees it from the beginning, all partitions assigned. */
    static final class Committed<V> implements AutoCloseable {

        final String topic;
        final KafkaConsumer<byte[], V> consumer;
        final List<ConsumerRecord<byte[], V>> records = new ArrayList<>();

        Committed(String topic, Deserializer<V> values) {
            this.topic = topic;
            Map<String, Object> config = new HashMap<>();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), values);
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        void poll() {
            consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        }

        int size() {
            return records.size();
        }

        void pollUntil(BooleanSupplier done, Duration timeout, Supplier<String> what) {
            Instant deadline = Instant.now().plus(timeout);
            poll();
            while (!done.getAsBoolean()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("timed out after " + timeout.toSeconds() + " s on " + topic
                            + " waiting for " + what.get());
                }
                assertAppAlive();
                poll();
            }
        }

        boolean atEnd() {
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
        }

        /** Until this reader has everything committed so far (for read_committed, end offsets are the LSO). */
        void pollToEnd(Duration timeout) {
            pollUntil(this::atEnd, timeout, () -> "the end of " + topic);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    /** The three dead-letter topics, read_committed. */
    static final class DeadLetterTopics implements AutoCloseable {

        final Map<String, Committed<byte[]>> byInput = new LinkedHashMap<>();
        /** What is worth saying but not wrong. */
        final Set<String> notes = new TreeSet<>();

        DeadLetterTopics() {
            for (Topic<?> input : INPUTS) {
                byInput.put(input.name(), new Committed<>(input.deadLetterTopic(), new ByteArrayDeserializer()));
            }
        }

        void poll() {
            byInput.values().forEach(Committed::poll);
        }

        List<ConsumerRecord<byte[], byte[]>> all() {
            return byInput.values().stream().flatMap(log -> log.records.stream()).toList();
        }

        Map<String, Integer> copiesByMarker() {
            return countBy(all(), DeadLetterTopics::marker);
        }

        static String marker(ConsumerRecord<byte[], byte[]> letter) {
            String partition = header(letter, DeadLetters.PARTITION_HEADER);
            String offset = header(letter, DeadLetters.OFFSET_HEADER);
            return header(letter, DeadLetters.TOPIC_HEADER) + "/" + partition + "@" + offset;
        }

        List<ConsumerRecord<byte[], byte[]>> letters(Collection<Sent> sent) {
            Set<String> markers = sent.stream().map(Sent::marker).collect(Collectors.toSet());
            return all().stream().filter(letter -> markers.contains(marker(letter))).toList();
        }

        void awaitAll(List<Sent> sent, Duration timeout) {
            Instant deadline = Instant.now().plus(timeout);
            while (true) {
                poll();
                Map<String, Integer> copies = copiesByMarker();
                List<Sent> missing = sent.stream().filter(s -> !copies.containsKey(s.marker())).toList();
                if (missing.isEmpty()) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for "
                            + missing.size() + " of " + sent.size() + " hostile records in the dead-letter topics: "
                            + missing.stream().limit(20).map(s -> s.hostile().topic() + ": " + s.hostile().kind()
                                    + " (" + s.marker() + ")").toList());
                }
                assertAppAlive();
            }
        }

        void pollToEnd(Duration timeout) {
            byInput.values().forEach(log -> log.pollToEnd(timeout));
        }

        Map<String, Long> lettersByInput() {
            Map<String, Long> counts = new TreeMap<>();
            byInput.forEach((input, log) -> counts.put(input, (long) log.records.size()));
            return counts;
        }

        /**
         * Everything wrong with the dead letters of {@code sent}: a record missing or doubled, in the wrong topic,
         * with another reason code, without a reason, not the original bytes, not stamped with the wall clock; and
         * any letter of a record that was not hostile.
         */
        List<String> problems(List<Sent> sent, Instant testStart) {
            List<String> problems = new ArrayList<>();
            Map<String, List<ConsumerRecord<byte[], byte[]>>> byMarker = new HashMap<>();
            byInput.forEach((input, log) -> log.records.forEach(letter -> {
                byMarker.computeIfAbsent(marker(letter), m -> new ArrayList<>()).add(letter);
                if (!input.equals(header(letter, DeadLetters.TOPIC_HEADER))) {
                    problems.add("a letter of " + header(letter, DeadLetters.TOPIC_HEADER) + " in " + log.topic);
                }
            }));
            Instant latest = Instant.now().plusSeconds(60);
            for (Sent s : sent) {
                Hostile h = s.hostile();
                String what = h.topic() + " " + h.tag() + " '" + h.kind() + "' (" + s.marker() + ")";
                List<ConsumerRecord<byte[], byte[]>> letters = byMarker.remove(s.marker());
                if (letters == null || letters.size() != 1) {
                    problems.add(what + ": " + (letters == null ? 0 : letters.size()) + " dead letters");
                    continue;
                }
                ConsumerRecord<byte[], byte[]> letter = letters.get(0);
                String code = header(letter, DeadLetters.REASON_CODE_HEADER);
                String reason = header(letter, DeadLetters.REASON_HEADER);
                if (!h.code().equals(code)) {
                    problems.add(what + ": reason code " + code + ", expected " + h.code() + " (" + reason + ")");
                }
                if (reason == null || reason.isBlank()) {
                    problems.add(what + ": no reason");
                }
                if (header(letter, DeadLetters.STREAM_HEADER) != null) {
                    problems.add(what + ": written by the last-resort path: " + reason);
                }
                if (!Arrays.equals(h.value(), letter.value())) {
                    problems.add(what + ": the letter's value is not the original bytes");
                }
                // Keys are read as UTF-8 strings: a key that is not UTF-8 comes back as what the decoder made of it.
                byte[] expectedKey = h.key() == null ? null : utf8(new String(h.key(), StandardCharsets.UTF_8));
                if (!Arrays.equals(expectedKey, letter.key())) {
                    problems.add(what + ": the letter's key is not the original key");
                } else if (!Arrays.equals(h.key(), letter.key())) {
                    notes.add(h.topic() + " '" + h.kind() + "': the letter's key is the key as the app decoded it"
                            + " (U+FFFD for the bytes that are not UTF-8), not its original bytes");
                }
                Instant stamped = Instant.ofEpochMilli(letter.timestamp());
                if (stamped.isBefore(testStart) || stamped.isAfter(latest)) {
                    problems.add(what + ": stamped " + stamped + ", not with the wall clock");
                }
            }
            byMarker.forEach((marker, letters) -> problems.add(letters.size() + " dead letter(s) of " + marker
                    + ", which was not hostile: " + header(letters.get(0), DeadLetters.REASON_HEADER)));
            return problems;
        }

        @Override
        public void close() {
            byInput.values().forEach(Committed::close);
        }
    }

    private static long decidedCount(Committed<Object> decisions, Set<String> ids) {
        return decisions.records.stream().map(r -> ((FraudDecision) r.value()).getTransactionId())
                .filter(ids::contains).distinct().count();
    }

    /** Per user: events summed over their session summaries, and the number of summaries. */
    private static Map<String, long[]> summarizedEvents(Committed<Object> summaries) {
        Map<String, long[]> perUser = new HashMap<>();
        for (ConsumerRecord<byte[], Object> record : summaries.records) {
            SessionSummary summary = (SessionSummary) record.value();
            long[] seen = perUser.computeIfAbsent(summary.getUserId(), u -> new long[2]);
            seen[0] += summary.getEvents();
            seen[1]++;
        }
        return perUser;
    }

    /** For a failure: which shoppers have no summary, where their events went and when, and what the reader saw. */
    private static String missingSummaries(Committed<Object> summaries, Set<String> shoppers, GoodTraffic traffic,
                                           Instant killed, DeadLetterTopics dlqs) {
        Set<String> summarized = summarizedEvents(summaries).keySet();
        List<String> missing = shoppers.stream().filter(shopper -> !summarized.contains(shopper)).sorted().toList();
        Map<String, Integer> byPartition = countBy(missing, shopper -> "site-events-" + partitionOf(shopper));
        String sample = missing.stream().limit(15).map(shopper -> shopper + " (partition " + partitionOf(shopper)
                + ", sent " + Duration.between(killed, traffic.shopperSent.get(shopper)).toMillis() + " ms after the"
                + " kill)").collect(Collectors.joining(", "));
        Map<TopicPartition, Long> ends = summaries.consumer.endOffsets(summaries.consumer.assignment());
        String positions = ends.keySet().stream().sorted(java.util.Comparator.comparingInt(TopicPartition::partition))
                .map(tp -> tp.partition() + ": position " + summaries.consumer.position(tp) + ", LSO " + ends.get(tp))
                .collect(Collectors.joining("; "));
        String lag = "";
        try {
            lag = app.get("/actuator/prometheus").lines()
                    .filter(line -> !line.startsWith("#") && ((line.contains("riskstream-sessions")
                            || line.contains("summarizeSessions")) && (line.contains("records_lag{")
                            || line.contains("dropped") || line.contains("expired")) || line.startsWith("riskstream_")))
                    .collect(Collectors.joining("\n"));
        } catch (Exception e) {
            lag = e.toString();
        }
        dlqs.poll();
        String dead = dlqs.byInput.get(Topics.SITE_EVENTS.name()).records.stream()
                .filter(letter -> letter.key() != null
                        && missing.contains(new String(letter.key(), StandardCharsets.UTF_8)))
                .limit(5).map(letter -> new String(letter.key(), StandardCharsets.UTF_8) + ": "
                        + header(letter, DeadLetters.REASON_HEADER)).collect(Collectors.joining("; "));
        return missing.size() + " without a summary, by partition " + byPartition + ": " + sample
                + "; dead letters of them: [" + dead + "]"
                + "; session-summaries " + positions + "; the sessions stream's lag:\n" + lag;
    }

    /** The partition the default partitioner picks for {@code key} on a topic of three partitions. */
    private static int partitionOf(String key) {
        return org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(utf8(key)))
                % 3;
    }

    private static Map<String, Integer> alertCounts(Committed<Object> alerts) {
        return countBy(alerts.records, r -> ((MultiCountryAlert) r.value()).getUserId());
    }

    private static Map<String, Integer> notExactlyOnce(Set<String> ids, Map<String, Integer> counts) {
        Map<String, Integer> off = new TreeMap<>();
        ids.forEach(id -> {
            int count = counts.getOrDefault(id, 0);
            if (count != 1) {
                off.put(id, count);
            }
        });
        return off;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The app

    private static AppProcess startApp(String name, Path state) {
        AppProcess started = AppProcess.start(name, List.of(
                "--riskstream.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--riskstream.registry.url=" + registry,
                "--riskstream.rules.directory=../rules",
                "--riskstream.streams.state-dir=" + state.toAbsolutePath(),
                "--riskstream.topics.partitions=3",
                // A killed member never says goodbye: 10 s instead of 45 s before the restarted app gets its tasks.
                "--spring.cloud.stream.kafka.streams.binder.configuration.session.timeout.ms=10000",
                // Sessions close 6 s after a shopper's last event instead of 31 min.
                "--riskstream.sessions.inactivity-gap=5s",
                "--riskstream.sessions.grace=1s",
                "--riskstream.sessions.close-check-interval=1s",
                // Top-pages windows of 10 s, published a few seconds after they close.
                "--riskstream.top-pages.window-size=10s",
                "--riskstream.top-pages.advance=5s",
                "--riskstream.top-pages.grace=2s",
                "--riskstream.top-pages.idle-after=2s"));
        started.awaitHealthy(START_TIMEOUT);
        // "Started" here means more than health UP as a whole: every stream's threads RUNNING too.
        try {
            awaitStreamsRunning(started, START_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return started;
    }

    private static void assertAppAlive() {
        if (!app.isAlive()) {
            throw app.failure("the app died");
        }
    }

    /** Until health is UP and every stream's threads are RUNNING. */
    private static void awaitStreamsRunning(AppProcess process, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String body = "";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw process.failure("the app died");
            }
            try {
                body = process.get("/actuator/health");
            } catch (IOException notAnswering) {
                body = notAnswering.toString();
            }
            List<String> states = threadStates(body);
            String answered = body;
            if (isUp(body) && STREAMS.stream().allMatch(answered::contains) && states.size() >= STREAMS.size()
                    && states.stream().allMatch("RUNNING"::equals)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the streams were not all RUNNING with health UP within " + timeout.toSeconds()
                + " s; last health: " + body);
    }

    /** Whether the health answer as a whole (not one of its components) is UP. */
    private static boolean isUp(String health) {
        return "UP".equals(AppProcess.overallStatus(health));
    }

    private static List<String> threadStates(String health) {
        List<String> states = new ArrayList<>();
        Matcher matcher = THREAD_STATE.matcher(health);
        while (matcher.find()) {
            states.add(matcher.group(1));
        }
        return states;
    }

    /** Polls {@code /actuator/health} every second while an app is meant to be running, and keeps what was not UP. */
    static final class HealthWatch implements Runnable {

        final List<String> notUp = new CopyOnWriteArrayList<>();
        final AtomicInteger checks = new AtomicInteger();
        final AtomicInteger unanswered = new AtomicInteger();
        private volatile AppProcess watched;
        private volatile boolean stopped;

        void watch(AppProcess process) {
            watched = process;
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            while (!stopped) {
                AppProcess process = watched;
                if (process != null) {
                    try {
                        String body = process.get("/actuator/health");
                        if (watched == process) {
                            checks.incrementAndGet();
                            if (!isUp(body) || threadStates(body).contains("DEAD")) {
                                notUp.add(Instant.now() + " " + body);
                            }
                        }
                    } catch (IOException e) {
                        if (watched == process) {
                            unanswered.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** {@code /actuator/prometheus} as name{tags} → value, for the riskstream metrics. */
    private static Map<String, Double> metrics(AppProcess process) throws Exception {
        Map<String, Double> all = new TreeMap<>();
        for (String line : process.get("/actuator/prometheus").lines().toList()) {
            Matcher matcher = METRIC_LINE.matcher(line);
            if (line.startsWith("riskstream_") && matcher.matches()) {
                all.put(matcher.group(1) + "{" + matcher.group(2) + "}", Double.parseDouble(matcher.group(3)));
            }
        }
        return all;
    }

    /** A metric's values by topic and reason: "topic/reason" → value. */
    private static Map<String, Double> byTopicAndReason(Map<String, Double> metrics, String name) {
        Map<String, Double> counts = new TreeMap<>();
        metrics.forEach((series, value) -> {
            if (series.startsWith(name + "{") && value > 0) {
                counts.merge(metricKey(tag(series, "topic"), tag(series, "reason")), value, Double::sum);
            }
        });
        return counts;
    }

    private static double sumOf(Map<String, Double> metrics, String name) {
        return metrics.entrySet().stream().filter(e -> e.getKey().startsWith(name + "{"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private static String tag(String series, String tag) {
        Matcher matcher = Pattern.compile("[{,]" + tag + "=\"([^\"]*)\"").matcher(series);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static void awaitMetrics(AppProcess process, String name, Map<String, Double> expected, String what)
            throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Map<String, Double> actual = byTopicAndReason(metrics(process), name);
        while (!actual.equals(expected)) {
            if (Instant.now().isAfter(deadline)) {
                assertThat(actual).as(what + " by topic/reason").isEqualTo(expected);
            }
            Thread.sleep(500);
            actual = byTopicAndReason(metrics(process), name);
        }
    }

    private static Map<String, Double> countsByTopicAndReason(List<Sent> sent) {
        Map<String, Double> counts = new TreeMap<>();
        sent.forEach(s -> counts.merge(metricKey(s.hostile().topic(), s.hostile().code()), 1.0, Double::sum));
        return counts;
    }

    private static Map<String, Double> reasonsOf(List<Sent> sent, Topic<?> topic) {
        return countsByTopicAndReason(sent.stream().filter(s -> s.hostile().topic().equals(topic.name())).toList());
    }

    private static String metricKey(String topic, String reason) {
        return topic + "/" + reason;
    }

    private static AssertionError withAppLog(Throwable e) {
        AssertionError failure = app.failure("failed: " + e);
        failure.initCause(e);
        return failure;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Producing

    private static KafkaProducer<byte[], byte[]> bytesProducer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static List<Sent> send(KafkaProducer<byte[], byte[]> producer, List<Hostile> hostile) throws Exception {
        List<Future<RecordMetadata>> futures = new ArrayList<>();
        for (Hostile h : hostile) {
            futures.add(producer.send(new ProducerRecord<>(h.topic(), null, h.key(), h.value(), copy(h.headers()))));
        }
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < hostile.size(); i++) {
            RecordMetadata metadata = futures.get(i).get(60, TimeUnit.SECONDS);
            sent.add(new Sent(hostile.get(i), metadata.partition(), metadata.offset()));
        }
        return sent;
    }

    @SuppressWarnings("unchecked")
    private static Map<Class<?>, Serializer<Object>> serializers(AvroSerdes serdes) {
        Map<Class<?>, Serializer<Object>> all = new HashMap<>();
        all.put(Transaction.class, (Serializer<Object>) (Serializer<?>) serdes.of(Topics.TRANSACTIONS).serializer());
        all.put(LoginEvent.class, (Serializer<Object>) (Serializer<?>) serdes.of(Topics.LOGINS).serializer());
        all.put(SiteEvent.class, (Serializer<Object>) (Serializer<?>) serdes.of(Topics.SITE_EVENTS).serializer());
        all.put(FraudDecision.class,
                (Serializer<Object>) (Serializer<?>) serdes.of(Topics.FRAUD_DECISIONS).serializer());
        return all;
    }

    private static Map<Class<?>, Serializer<Object>> headerFramed(String registry) {
        Map<Class<?>, Serializer<Object>> all = new HashMap<>();
        for (Class<?> type : List.of(Transaction.class, LoginEvent.class, SiteEvent.class, FraudDecision.class)) {
            AvroKafkaSerializer<Object> serializer = new AvroKafkaSerializer<>();
            serializer.configure(TestClients.headerFraming(registry), false);
            all.put(type, serializer);
        }
        return all;
    }

    /** {@code value} in the Confluent framing, no headers: magic byte 0, 4-byte content id, Avro binary. */
    private static Encoded encodeConfluent(SpecificRecord value) {
        return encode(value, confluent);
    }

    /** {@code value} as the Apicurio serializer writes it for its own topic: bytes, and the schema id in headers. */
    private static Encoded encode(SpecificRecord value) {
        return encode(value, serializers);
    }

    private static Encoded encode(SpecificRecord value, Map<Class<?>, Serializer<Object>> serializers) {
        Map<Class<?>, Topic<?>> ownTopics = Map.of(Transaction.class, Topics.TRANSACTIONS, LoginEvent.class,
                Topics.LOGINS, SiteEvent.class, Topics.SITE_EVENTS, FraudDecision.class, Topics.FRAUD_DECISIONS);
        String topic = ownTopics.get(value.getClass()).name();
        Headers headers = new RecordHeaders();
        byte[] bytes = serializers.get(value.getClass()).serialize(topic, headers, value);
        return new Encoded(bytes, headers);
    }

    private static Deserializer<Object> avro() {
        return TestClients.avroDeserializer(registry);
    }

    private static Headers copy(Headers headers) {
        return new RecordHeaders(headers.toArray());
    }

    /** The registry headers of {@code original} with the value's schema named only by {@code globalId}. */
    private static Headers withGlobalId(Headers original, long globalId) {
        return withIdHeader(original, ByteBuffer.allocate(Long.BYTES).putLong(globalId).array());
    }

    private static Headers withIdHeader(Headers original, byte[] id) {
        Headers headers = new RecordHeaders();
        for (Header header : original) {
            if (!header.key().startsWith("apicurio.value.")
                    || header.key().equals("apicurio.value.encoding")) {
                headers.add(header);
            }
        }
        headers.add("apicurio.value.globalId", id);
        return headers;
    }

    private static Headers bigHeaders(Random random, Headers original, int bytes) {
        Headers headers = copy(original);
        int each = 50 * 1024;
        for (int i = 0; i * each < bytes; i++) {
            byte[] value = new byte[each];
            for (int b = 0; b < each; b++) {
                value[b] = (byte) ('a' + random.nextInt(26));
            }
            headers.add("x-hostile-" + i, value);
        }
        return headers;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Values

    static Transaction transaction(String id, String card, Instant at) {
        return Transaction.newBuilder().setTransactionId(id).setCardId(card).setAccountId("account-1")
                .setAmountMinor(1234).setCurrency("EUR").setMerchantId("merchant-1").setMerchantCategory("5411")
                .setCountry("NL").setChannel("POS").setEventTime(at).setDeviceId(null).setIpCountry(null).build();
    }

    static LoginEvent login(String user, String country, Instant at) {
        return LoginEvent.newBuilder().setUserId(user).setCountry(country).setIpAddress(null).setSuccess(true)
                .setEventTime(at).build();
    }

    static SiteEvent siteEvent(String id, String user, String type, String page, Long amount, Instant at) {
        return SiteEvent.newBuilder().setEventId(id).setUserId(user).setType(type).setPage(page)
                .setAmountMinor(amount).setEventTime(at).build();
    }

    static FraudDecision decision(String id, String card, Instant at) {
        return FraudDecision.newBuilder().setTransactionId(id).setCardId(card).setScore(0).setDecision("APPROVE")
                .setReasons(List.of()).setRulesetVersion(1L).setEventTime(at).setDecidedAt(at).build();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Small things

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Avro's encoding of a long: zig-zag, then 7 bits a byte. */
    private static byte[] zigzagVarint(long value) {
        long n = (value << 1) ^ (value >> 63);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((n & ~0x7FL) != 0) {
            out.write((int) ((n & 0x7F) | 0x80));
            n >>>= 7;
        }
        out.write((int) n);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @SafeVarargs
    private static <T> List<T> concat(List<T>... lists) {
        return Arrays.stream(lists).flatMap(List::stream).toList();
    }

    private static <T> Map<String, Integer> countBy(Collection<T> items, java.util.function.Function<T, String> by) {
        Map<String, Integer> counts = new TreeMap<>();
        items.forEach(item -> counts.merge(String.valueOf(by.apply(item)), 1, Integer::sum));
        return counts;
    }

    private static Map<String, Long> countsAsLong(Map<String, Integer> counts) {
        Map<String, Long> longs = new TreeMap<>();
        counts.forEach((k, v) -> longs.put(k, v.longValue()));
        return longs;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static List<String> sample(Map<String, Integer> off) {
        return off.entrySet().stream().limit(20).map(e -> e.getKey() + "=" + e.getValue()).toList();
    }
}
