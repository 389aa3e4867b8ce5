package io.riskstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.riskstream.events.SiteEvent;
import io.riskstream.platform.TestClients;
import io.riskstream.platform.TestRegistry;
import io.riskstream.platform.TestUsers;
import io.riskstream.platform.Topics;

/**
 * Site events sent through a real broker and a real Apicurio Registry reach the dashboard: counted per page,
 * ranked per window, published to {@code top-pages}, read back by the dashboard feed. Windows of two seconds
 * keep it short.
 */
class DashboardIT extends RealInfrastructureIT {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final Duration SEND_EVERY = Duration.ofMillis(250);

    @LocalServerPort
    int port;

    /** Small windows, on top of the shared real infrastructure: its own app, since the settings differ. */
    @DynamicPropertySource
    static void smallWindows(DynamicPropertyRegistry registry) {
        registry.add("riskstream.top-pages.window-size", () -> "2s");
        registry.add("riskstream.top-pages.advance", () -> "1s");
        registry.add("riskstream.top-pages.grace", () -> "0s");
        registry.add("riskstream.top-pages.idle-after", () -> "2s");
        registry.add("riskstream.top-pages.check-interval", () -> "200ms");
    }

    @Test
    void pageViewsSentThroughTheBrokerShowUpInTopPages() {
        HttpClient http = HttpClient.newHttpClient();
        assertThat(get(http, "/api/top-pages").statusCode()).isEqualTo(404);

        try (KafkaProducer<String, Object> producer = TestClients.avroProducer(bootstrap(),
                TestRegistry.url(), true)) {
            // Views keep coming, stamped now, so that stream time moves on and closes the windows behind it.
            await().atMost(TIMEOUT).pollInterval(SEND_EVERY).until(() -> {
                view(producer, "it-home");
                view(producer, "it-home");
                view(producer, "it-home");
                view(producer, "it-cart");
                producer.flush();
                HttpResponse<String> top = get(http, "/api/top-pages");
                return top.statusCode() == 200 && top.body().contains("\"it-home\"") && top.body().contains("\"it-cart\"");
            });
        }

        String body = get(http, "/api/top-pages").body();
        assertThat(body).contains("\"windowStart\"").contains("\"windowEnd\"");
        assertThat(body.indexOf("\"it-home\"")).isLessThan(body.indexOf("\"it-cart\""));
        assertThat(get(http, "/").body()).contains("Top pages");
        assertThat(get(http, "/actuator/health").body()).contains("riskstream-top-pages").contains("riskstream-sessions");
    }

    private static void view(KafkaProducer<String, Object> producer, String page) {
        String user = "it-user-" + UUID.randomUUID();
        SiteEvent event = SiteEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setUserId(user)
                .setType("PAGE_VIEW").setPage(page).setAmountMinor(null).setEventTime(Instant.now()).build();
        producer.send(new ProducerRecord<>(Topics.SITE_EVENTS.name(), user, event));
    }

    private HttpResponse<String> get(HttpClient http, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .header("Authorization", TestUsers.operator()).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
