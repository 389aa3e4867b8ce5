package io.riskstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.riskstream.events.Transaction;
import io.riskstream.ops.OpsQueries;
import io.riskstream.platform.TestClients;
import io.riskstream.platform.TestTransactions;
import io.riskstream.platform.TestUsers;
import io.riskstream.platform.Topics;

/**
 * Every metric the alert rules and the Grafana dashboard (ops/) use is one the running app exports at
 * {@code /actuator/prometheus} once it has had traffic: a renamed or lost metric fails the build here instead of
 * leaving an empty panel or an alert that can never fire.
 */
class OpsMetricsIT extends RealInfrastructureIT {

    /** Metrics the queries use that are not the app's or exist only after a rare event, and why. */
    private static final Map<String, String> NOT_EXPECTED_HERE = Map.of(
            "up", "Prometheus's own: whether a scrape answered",
            "riskstream_dead_letters_last_resort_total", "registered at its first letter, which only a bug writes",
            "riskstream_logins_rule_errors_total", "registered per rule at its first error, which only a broken rule makes");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @LocalServerPort
    int port;

    @Test
    void everyMetricOfTheAlertsAndTheDashboardIsExportedAfterTraffic() throws Exception {
        try (KafkaProducer<String, Object> producer = TestClients.avroProducer(bootstrap(),
                io.riskstream.platform.TestRegistry.url(), false)) {
            for (Transaction tx : TestTransactions.groceryPurchases(5)) {
                producer.send(new ProducerRecord<>(Topics.TRANSACTIONS.name(), tx.getCardId(), tx));
            }
        }
        Map<String, Set<String>> usedBy = new TreeMap<>();
        for (String query : OpsQueries.allQueries()) {
            OpsQueries.metricNames(query).forEach(name -> usedBy.computeIfAbsent(name, key -> new TreeSet<>())
                    .add(query));
        }
        usedBy.keySet().removeAll(NOT_EXPECTED_HERE.keySet());
        assertThat(usedBy).hasSizeGreaterThan(20);

        // Consumer lag is measured every 15 s; decisions and their latency come with the first scored record.
        Set<String> missing = new TreeSet<>(usedBy.keySet());
        Instant deadline = Instant.now().plus(TIMEOUT);
        missing.removeAll(exported());
        while (!missing.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            missing.removeAll(exported());
        }
        Map<String, Set<String>> missingWithQueries = new TreeMap<>(usedBy);
        missingWithQueries.keySet().retainAll(missing);
        assertThat(missingWithQueries).as("metrics the ops files use that the app does not export").isEmpty();
    }

    /** The names of every series of {@code /actuator/prometheus}. */
    private Set<String> exported() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .header("Authorization", TestUsers.operator()).GET().build();
        String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
        Set<String> names = new TreeSet<>();
        body.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        return names;
    }
}
