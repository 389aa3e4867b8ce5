package io.riskstream.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.riskstream.devstack.KafkaBroker;
import io.riskstream.events.SessionSummary;
import io.riskstream.events.SiteEvent;
import io.riskstream.platform.AppProcess;
import io.riskstream.platform.TestClients;
import io.riskstream.platform.TestRegistry;
import io.riskstream.platform.Topics;

/**
 * Issue 11's sessions scenario on a real broker, registry and app ({@code summarizeSessions} alone, sessions of a
 * 5 s gap, 1 s grace, 5 s lateness): an app that idles before its first events; then a burst of an hour-old
 * history on two of three partitions, out of order within the lateness and with producer retries, while the third
 * partition gets a few events and falls idle; a quiet end (sessions close on the wall clock); a graceful restart in
 * the middle, with a backlog written while the app was down that merges a late event into a summarized session
 * (superseding summary) and sends one event past the lateness. What a reader keeps, after supersessions, must be the
 * sessions of the whole history sorted and split at the gap; the one too-late event is on {@code late-site-events}.
 */
class SessionsIT {

    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    static final Duration WAIT = Duration.ofSeconds(60);
    static final Duration GAP = Duration.ofSeconds(5);
    /** How long the fresh app sits idle before its first site events: longer than gap + grace. */
    static final Duration IDLE_BEFORE_FIRST_EVENTS = Duration.ofSeconds(8);
    static final int PARTITIONS = 3;
    static final Pattern METRIC = Pattern.compile("^riskstream_sessions_(late|duplicates)_total(\\{[^}]*})?\\s+(\\S+)$",
            Pattern.MULTILINE);
    static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    static KafkaBroker broker;
    static String registry;
    static Path stateDir;

    @BeforeAll
    static void startBrokerAndRegistry() throws IOException {
        CompletableFuture<String> registryUrl = CompletableFuture.supplyAsync(TestRegistry::url);
        broker = KafkaBroker.start();
        registry = registryUrl.join();
        stateDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "it-state-");
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everySessionOfTheWholeHistoryIsSummarizedAcrossABurstAnIdlePartitionAQuietEndAndARestart()
            throws Exception {
        Instant base = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        List<SiteEvent> history = new ArrayList<>();
        List<SiteEvent> tooLate = new ArrayList<>();
        try (KafkaProducer<String, Object> producer = TestClients.avroProducer(broker.bootstrapServers(), registry,
                false);
             KafkaConsumer<String, Object> summaries = TestClients.avroConsumer(broker.bootstrapServers(), registry,
                     Topics.SESSION_SUMMARIES.name())) {
            List<ConsumerRecord<String, Object>> read = new ArrayList<>();

            try (AppProcess app = startApp("sessions-first")) {
                // The scenario, not a wait for a result: a fresh app whose wall clock runs before any event.
                Thread.sleep(IDLE_BEFORE_FIRST_EVENTS.toMillis());
                // A burst on partitions 0 and 1: three shoppers each, three sessions each 20 s apart, sent out of order
                // within the lateness (each session's events newest first) and every third event twice.
                for (int session = 0; session < 3; session++) {
                    for (int partition = 0; partition < 2; partition++) {
                        for (int shopper = 0; shopper < 3; shopper++) {
                            String user = user(partition, shopper);
                            Instant start = base.plusSeconds(20L * session + shopper);
                            for (int event = 3; event >= 0; event--) {
                                SiteEvent sent = event(user, session * 10 + event, start.plusSeconds(event));
                                send(producer, partition, sent, history);
                                if (event % 3 == 0) {
                                    send(producer, partition, sent, history);
                                }
                            }
                        }
                    }
                }
                // Partition 2: one shopper, two events, then nothing more: it closes on the wall clock alone.
                send(producer, 2, event(user(2, 0), 0, base), history);
                send(producer, 2, event(user(2, 0), 1, base.plusSeconds(2)), history);
                producer.flush();

                // A quiet end: nothing more is sent; every session must close on the wall clock.
                awaitReaderSees(summaries, read, history);
            }

            // While the app is down: on partition 0, a newer event, then one within the lateness that joins the last
            // summarized session of shopper 0 (its summary is superseded), then one past the lateness.
            Instant lastSession = base.plusSeconds(40);
            send(producer, 0, event(user(0, 1), 100, lastSession.plusSeconds(10)), history);
            send(producer, 0, event(user(0, 0), 101, lastSession.plusSeconds(7)), history);
            send(producer, 0, event(user(0, 2), 102, lastSession.plusSeconds(40)), history);
            SiteEvent late = event(user(0, 0), 103, lastSession.plusSeconds(8));
            producer.send(new ProducerRecord<>(Topics.SITE_EVENTS.name(), 0, late.getUserId(), late));
            tooLate.add(late);
            // And a retry of the newest event.
            send(producer, 0, event(user(0, 2), 102, lastSession.plusSeconds(40)), history);
            producer.flush();

            try (AppProcess app = startApp("sessions-restarted")) {
                awaitReaderSees(summaries, read, history);
                List<SessionSummary> all = read.stream().map(record -> (SessionSummary) record.value()).toList();
                assertThat(all).as("the superseding summary of shopper 0's last session")
                        .anySatisfy(summary -> {
                            assertThat(summary.getUserId()).isEqualTo(user(0, 0));
                            assertThat(summary.getRevision()).isEqualTo(2);
                            assertThat(summary.getSupersedes()).containsExactly(lastSession);
                        });
                try (KafkaConsumer<String, Object> audit = TestClients.avroConsumer(broker.bootstrapServers(),
                        registry, Topics.LATE_SITE_EVENTS.name())) {
                    assertThat(TestClients.readUntil(audit, records -> !records.isEmpty(), WAIT))
                            .extracting(ConsumerRecord::value).containsExactly(late);
                }
                String metrics = app.get("/actuator/prometheus");
                assertThat(metric(metrics, "late", "past-lateness")).isEqualTo(1.0);
                assertThat(metric(metrics, "late", "within-lateness")).isEqualTo(1.0);
                assertThat(metric(metrics, "duplicates", null)).isEqualTo(1.0);
            }
        }
    }

    /** Polls until what a reader keeps of the summaries is the reference of {@code history}, or fails. */
    private static void awaitReaderSees(KafkaConsumer<String, Object> summaries,
                                        List<ConsumerRecord<String, Object>> read, List<SiteEvent> history) {
        List<SessionReference.Outcome> expected = SessionReference.reference(history, GAP);
        Instant deadline = Instant.now().plus(WAIT);
        List<SessionReference.Outcome> kept = List.of();
        while (Instant.now().isBefore(deadline)) {
            summaries.poll(Duration.ofMillis(500)).forEach(read::add);
            kept = SessionReference.latest(read.stream().map(record -> (SessionSummary) record.value())
                    .filter(summary -> summary.getUserId().startsWith(RUN)).toList());
            if (kept.size() == expected.size() && kept.containsAll(expected)) {
                return;
            }
        }
        assertThat(kept).as("summaries a reader keeps").containsExactlyInAnyOrderElementsOf(expected);
    }

    private static double metric(String prometheus, String name, String kind) {
        Matcher matcher = METRIC.matcher(prometheus);
        double total = 0;
        while (matcher.find()) {
            if (matcher.group(1).equals(name) && (kind == null || matcher.group(2).contains("\"" + kind + "\""))) {
                total += Double.parseDouble(matcher.group(3));
            }
        }
        return total;
    }

    private static void send(KafkaProducer<String, Object> producer, int partition, SiteEvent event,
                             List<SiteEvent> history) {
        producer.send(new ProducerRecord<>(Topics.SITE_EVENTS.name(), partition, event.getUserId(), event));
        history.add(event);
    }

    private static String user(int partition, int shopper) {
        return RUN + "-p" + partition + "-s" + shopper;
    }

    private static SiteEvent event(String user, int n, Instant at) {
        boolean cart = n % 4 == 1;
        return SiteEvent.newBuilder().setEventId(user + "-" + n).setUserId(user)
                .setType(cart ? "ADD_TO_CART" : "PAGE_VIEW").setPage("/p/" + n % 3)
                .setAmountMinor(cart ? 100L * (n + 1) : null).setCurrency(cart ? "EUR" : null).setEventTime(at)
                .build();
    }

    private static AppProcess startApp(String name) {
        AppProcess started = AppProcess.start(name, List.of(
                "--riskstream.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--riskstream.registry.url=" + registry,
                "--riskstream.rules.directory=../rules",
                "--riskstream.streams.state-dir=" + stateDir.toAbsolutePath(),
                "--riskstream.topics.partitions=" + PARTITIONS,
                "--spring.cloud.function.definition=" + SessionsConfig.FUNCTION,
                "--riskstream.sessions.inactivity-gap=" + GAP.toSeconds() + "s",
                "--riskstream.sessions.grace=1s",
                "--riskstream.sessions.allowed-lateness=5s",
                "--riskstream.sessions.close-check-interval=1s"));
        started.awaitHealthy(START_TIMEOUT);
        return started;
    }
}
