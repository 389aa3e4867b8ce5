package io.riskstream.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.riskstream.events.LoginEvent;
import io.riskstream.events.SiteEvent;
import io.riskstream.events.Transaction;

class DemoTrafficTest {

    private static final Duration TICK = Duration.ofMillis(200);

    private final ManualClock clock = new ManualClock("2026-11-25T12:00:00Z");

    @Test
    void sendsRateTimesTickRecordsOfEachKindEveryTick() {
        MockProducer<String, Object> producer = producer(true);
        DemoTraffic traffic = traffic(20, 3, 40, producer);

        for (int i = 0; i < 10; i++) {
            traffic.tick(producer);
            clock.advance(TICK);
        }

        Map<String, List<Object>> sent = producer.history().stream().collect(Collectors.groupingBy(
                ProducerRecord::topic, Collectors.mapping(ProducerRecord::value, Collectors.toList())));
        assertThat(sent.get("transactions")).hasSize(40).hasOnlyElementsOfType(Transaction.class);
        assertThat(sent.get("logins")).hasSize(6).hasOnlyElementsOfType(LoginEvent.class);
        assertThat(sent.get("site-events")).hasSize(80).hasOnlyElementsOfType(SiteEvent.class);
        assertThat(traffic.stats().sentTo("site-events")).isEqualTo(80);
        assertThat(traffic.stats().failedFor("logins")).isZero();
        long logins = producer.history().stream().filter(record -> record.topic().equals("logins")).count();
        assertThat(traffic.stats().inPatternsTo("logins")).isPositive().isLessThanOrEqualTo(logins);
    }

    @Test
    void aFailedSendIsCountedAndTheTrafficGoesOn() {
        MockProducer<String, Object> producer = producer(false);
        DemoTraffic traffic = traffic(20, 0, 0, producer);

        traffic.tick(producer);
        producer.errorNext(new TimeoutException("no acknowledgement in time"));
        producer.sendException = new KafkaException("registry away");
        traffic.tick(producer);
        producer.sendException = null;
        traffic.tick(producer);
        while (producer.completeNext()) {
            // acknowledge all that is left
        }

        assertThat(traffic.stats().failedFor("transactions")).isEqualTo(1 + 4);
        assertThat(traffic.stats().sentTo("transactions")).isEqualTo(4 + 4 - 1);
        assertThat(traffic.stats().summary()).startsWith("transactions 7 sent (").endsWith("5 failed), "
                + "logins 0 sent (0 in patterns, 0 failed), site-events 0 sent (0 in patterns, 0 failed)");
    }

    @Test
    void closingStopsTheTrafficAndClosesTheProducerOnce() {
        MockProducer<String, Object> producer = producer(true);
        DemoTraffic traffic = traffic(20, 5, 40, producer);

        traffic.start();
        assertThat(traffic.isRunning()).isTrue();
        traffic.close();
        traffic.close();

        assertThat(traffic.isRunning()).isFalse();
        assertThat(producer.closed()).isTrue();
    }

    private DemoTraffic traffic(int transactions, int logins, int siteEvents, MockProducer<String, Object> producer) {
        DemoSettings settings = new DemoSettings(transactions, logins, siteEvents, TICK);
        return new DemoTraffic(TICK, DemoTraffic.feeds(settings, clock), () -> producer, clock);
    }

    private static MockProducer<String, Object> producer(boolean acknowledgeAtOnce) {
        return new MockProducer<>(acknowledgeAtOnce, null, new StringSerializer(), (topic, value) -> new byte[0]);
    }
}
