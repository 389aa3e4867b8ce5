package io.riskstream.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

import io.riskstream.events.LoginEvent;
import io.riskstream.events.SiteEvent;
import io.riskstream.events.Transaction;

/** What every generator makes is valid for its topic's schema: all required fields set, nothing lost. */
class DemoValuesTest {

    private static final Duration TICK = Duration.ofSeconds(1);
    /** At night, so that every fraud pattern, the one at the ATM too, is among the values. */
    private static final String NIGHT = "2026-11-25T02:00:00Z";
    private static final Duration HALF_AN_HOUR = Duration.ofMinutes(30);

    @Test
    void everyValueIsValidAvroForItsSchema() throws IOException {
        ManualClock clock = new ManualClock(NIGHT);
        List<Keyed<Transaction>> transactions = clock.run(
                new TransactionGenerator(clock, new SplittableRandom(1)), 20, TICK, HALF_AN_HOUR);
        clock = new ManualClock(NIGHT);
        List<Keyed<LoginEvent>> logins = clock.run(
                new LoginGenerator(clock, new SplittableRandom(2)), 5, TICK, HALF_AN_HOUR);
        clock = new ManualClock(NIGHT);
        List<Keyed<SiteEvent>> siteEvents = clock.run(
                new SiteEventGenerator(clock, new SplittableRandom(3)), 40, TICK, HALF_AN_HOUR);

        assertThat(transactions).extracting(Keyed::pattern).contains("ATM_ABROAD_AT_NIGHT", "RETRY");
        assertRoundTrips(transactions, Transaction.getEncoder(), Transaction.getDecoder());
        assertRoundTrips(logins, LoginEvent.getEncoder(), LoginEvent.getDecoder());
        assertRoundTrips(siteEvents, SiteEvent.getEncoder(), SiteEvent.getDecoder());
    }

    @Test
    void keysAreTheCardOrTheUser() {
        ManualClock clock = new ManualClock(NIGHT);

        assertThat(new TransactionGenerator(clock, new SplittableRandom(1)).next(1_000))
                .allSatisfy(t -> assertThat(t.key()).isEqualTo(t.value().getCardId()));
        assertThat(new LoginGenerator(clock, new SplittableRandom(2)).next(1_000))
                .allSatisfy(login -> assertThat(login.key()).isEqualTo(login.value().getUserId()));
        assertThat(new SiteEventGenerator(clock, new SplittableRandom(3)).next(1_000))
                .allSatisfy(event -> assertThat(event.key()).isEqualTo(event.value().getUserId()));
    }

    private static <T> void assertRoundTrips(List<Keyed<T>> values, BinaryMessageEncoder<T> encoder,
                                             BinaryMessageDecoder<T> decoder) throws IOException {
        assertThat(values).isNotEmpty();
        for (Keyed<T> value : values) {
            ByteBuffer encoded = encoder.encode(value.value());
            assertThat(decoder.decode(encoded)).isEqualTo(value.value());
        }
    }
}
