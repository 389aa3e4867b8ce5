package io.riskstream.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.riskstream.devstack.ApicurioRegistryServer;
import io.riskstream.devstack.KafkaBroker;
import io.riskstream.schemas.RegistryRules;
import io.riskstream.events.Transaction;
import io.riskstream.platform.AppProcess;
import io.riskstream.platform.AvroSerdes;
import io.riskstream.platform.TestClients;
import io.riskstream.platform.Topics;
import io.riskstream.schemas.SchemaCatalog;

/**
 * The registry goes away while transactions that need it arrive, and comes back: nothing is dead-lettered, health
 * says the stream is failing while it is away, and once it is back every transaction is decided exactly once.
 * Real and apart: a KRaft broker and an Apicurio Registry of this test's own (the shared one must not go away) as
 * child processes, and {@code target/riskstream.jar} in a JVM of its own.
 */
class RegistryOutageIT {

    static final int BEFORE = 20;
    static final int DURING = 30;
    static final Duration START_TIMEOUT = Duration.ofSeconds(150);
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final String SESSION_TIMEOUT =
            "--spring.cloud.stream.kafka.streams.binder.configuration.session.timeout.ms=10000";

    static final Path REGISTRY_DATA = Path.of("target", "it-registry-outage-" + UUID.randomUUID());

    static KafkaBroker broker;
    static ApicurioRegistryServer registry;
    static AppProcess app;

    @BeforeAll
    static void start() throws IOException {
        broker = KafkaBroker.start();
        registry = startRegistry(0);
        Path stateDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "it-state-");
        app = AppProcess.start("app-registry-outage", List.of(
                "--riskstream.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--riskstream.registry.url=" + registry.url(),
                "--riskstream.rules.directory=../rules",
                "--riskstream.streams.state-dir=" + stateDir.toAbsolutePath(),
                "--riskstream.topics.partitions=3",
                "--spring.cloud.function.definition=scoreTransactions",
                SESSION_TIMEOUT));
        app.awaitHealthy(START_TIMEOUT);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void recordsThatNeedTheRegistryWaitForItAndAreDecidedOnceWhenItIsBack() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        try (DecisionLog decisions = new DecisionLog(broker.bootstrapServers(), registry.url());
             KafkaProducer<String, byte[]> producer = rawProducer();
             var deadLetters = TestClients.rawConsumer(broker.bootstrapServers(),
                     Topics.TRANSACTIONS.deadLetterTopic())) {
            List<Encoded> before = encode(run + "-before", BEFORE, transactionSchema());
            send(producer, before);
            before.forEach(tx -> ids.add(tx.id()));
            decisions.pollUntil(() -> decisions.decided(ids) == BEFORE, TIMEOUT, "decisions before the outage");

            // Written with the first version of the schema, which the app has not met yet: to read them it must
            // ask the registry. Encoded now, while the registry is there, as a producer with a warm cache would.
            List<Encoded> during = encode(run + "-during", DURING, SchemaCatalog.load()
                    .forTopic(Topics.TRANSACTIONS.name()).versions().get(0));
            int port = registry.port();
            registry.close();
            send(producer, during);
            during.forEach(tx -> ids.add(tx.id()));

            app.awaitStatus("DOWN", TIMEOUT);
            decisions.poll();
            assertThat(decisions.decided(ids)).as("decisions while the registry is away").isEqualTo(BEFORE);
            assertThat(deadLetters.poll(Duration.ofSeconds(2)).count()).as("dead letters so far").isZero();

            registry = startRegistry(port);
            assertThat(registry.port()).as("the registry back where the app looks for it").isEqualTo(port);
            decisions.pollUntil(() -> decisions.decided(ids) == BEFORE + DURING, TIMEOUT,
                    "decisions once the registry is back");
            decisions.pollToEnd(Duration.ofSeconds(60));

            assertThat(decisions.notExactlyOnce(ids)).as("transactionIds without exactly one decision").isEmpty();
            assertThat(TestClients.readUntil(deadLetters, read -> true, Duration.ofSeconds(5)))
                    .as("dead letters").isEmpty();
            assertThat(app.isAlive()).isTrue();
            app.awaitStatus("UP", TIMEOUT);
            assertThat(replacements()).as("stream threads replaced while the registry was away").isPositive();
        } catch (AssertionError | RuntimeException e) {
            throw app.failure(e);
        }
    }

    /** A value encoded by the Apicurio serializer, with the headers it wrote (the schema id travels there). */
    record Encoded(String id, String key, byte[] value, Headers headers) {
    }

    private static List<Encoded> encode(String prefix, int count, Schema schema) {
        AvroKafkaSerializer<Object> serializer = new AvroKafkaSerializer<>();
        serializer.configure(new AvroSerdes(registry.url(), false).config(), false);
        List<Encoded> encoded = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            GenericRecord tx = new GenericData.Record(schema);
            String card = prefix + "-card-" + (i % 5);
            tx.put("transactionId", prefix + "-tx-" + i);
            tx.put("cardId", card);
            tx.put("accountId", "account-" + card);
            tx.put("amountMinor", 1200L + i);
            tx.put("currency", "EUR");
            tx.put("merchantId", "merchant-1");
            tx.put("merchantCategory", "5411");
            tx.put("country", "DE");
            tx.put("channel", "POS");
            tx.put("eventTime", Instant.now().toEpochMilli());
            Headers headers = new RecordHeaders();
            byte[] value = serializer.serialize(Topics.TRANSACTIONS.name(), headers, tx);
            encoded.add(new Encoded(prefix + "-tx-" + i, card, value, headers));
        }
        serializer.close();
        return encoded;
    }

    private static Schema transactionSchema() {
        return Transaction.getClassSchema();
    }

    private static void send(KafkaProducer<String, byte[]> producer, List<Encoded> all) {
        all.forEach(tx -> producer.send(new ProducerRecord<>(Topics.TRANSACTIONS.name(), null, tx.key(), tx.value(),
                tx.headers())));
        producer.flush();
    }

    private static KafkaProducer<String, byte[]> rawProducer() {
        return new KafkaProducer<>(java.util.Map.of("bootstrap.servers", broker.bootstrapServers(), "acks", "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * The registry keeps its data on disk, as a production registry does: back after the outage, it knows every
     * schema from its first answer. (An in-memory one came back empty until the catalog was applied again, and an
     * app retry in between met an unknown schema id, which is rightly a dead letter.)
     */
    private static ApicurioRegistryServer startRegistry(int port) {
        ApicurioRegistryServer server = ApicurioRegistryServer.start(port, Path.of("target", "it-logs"), REGISTRY_DATA);
        if (port == 0) {
            new RegistryRules(server.url()).apply(SchemaCatalog.load());
        }
        return server;
    }

    private static double replacements() throws Exception {
        return app.get("/actuator/prometheus").lines()
                .filter(line -> line.startsWith("riskstream_streams_thread_replacements_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
