package io.riskstream.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.riskstream.events.Transaction;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CardProfileTest {

    private final CardProfileUpdater updater = new CardProfileUpdater(new CardProfileConfig(3, 3, Duration.ofDays(30)));

    @Test
    void minuteHorizonSlidesWithEventTime() {
        CardProfile profile = replay(
                TestTransactions.at("2026-01-10T12:00:00Z").setAmountMinor(100).build(),
                TestTransactions.at("2026-01-10T12:00:30Z").setAmountMinor(200).build());

        CardSnapshot within = profile.snapshotAt(Instant.parse("2026-01-10T12:00:59Z"));
        CardSnapshot slid = profile.snapshotAt(Instant.parse("2026-01-10T12:01:10Z"));

        assertThat(within.getCount1m()).isEqualTo(2);
        assertThat(within.getSum1m()).isEqualTo(300);
        assertThat(slid.getCount1m()).isEqualTo(1);
        assertThat(slid.getSum1m()).isEqualTo(200);
        assertThat(slid.getCount1h()).isEqualTo(2);
    }

    @Test
    void hourAndDayHorizonsSlideWithEventTime() {
        CardProfile profile = replay(TestTransactions.at("2026-01-10T12:00:00Z").setAmountMinor(500).build());

        assertThat(profile.snapshotAt(Instant.parse("2026-01-10T12:59:00Z")).getSum1h()).isEqualTo(500);
        assertThat(profile.snapshotAt(Instant.parse("2026-01-10T13:01:00Z")).getCount1h()).isZero();
        assertThat(profile.snapshotAt(Instant.parse("2026-01-11T11:00:00Z")).getCount24h()).isEqualTo(1);
        assertThat(profile.snapshotAt(Instant.parse("2026-01-11T12:30:00Z")).getCount24h()).isZero();
        assertThat(profile.snapshotAt(Instant.parse("2026-01-11T12:30:00Z")).getTxCount()).isEqualTo(1);
    }

    @Test
    void snapshotExcludesTransactionsAfterItsTime() {
        CardProfile profile = replay(TestTransactions.at("2026-01-10T12:00:30Z").build());

        assertThat(profile.snapshotAt(Instant.parse("2026-01-10T12:00:10Z")).getCount1m()).isZero();
    }

    @Test
    void bucketsStayBoundedWhateverTheTraffic() {
        CardProfile profile = CardProfile.empty();
        Instant start = Instant.parse("2026-01-10T00:00:00Z");
        for (int second = 0; second < 2 * 24 * 3600; second += 7) {
            profile = updater.apply(profile, TestTransactions.at(start.plusSeconds(second).toString()).build());
        }

        assertThat(profile.lastMinute.size()).isLessThanOrEqualTo(60);
        assertThat(profile.lastHour.size()).isLessThanOrEqualTo(60);
        assertThat(profile.lastDay.size()).isLessThanOrEqualTo(24);
        assertThat(new CardProfileSerde().encode(profile)).hasSizeLessThan(2048);
    }

    @Test
    void meanAndStandardDeviationFollowWelford() {
        CardProfile profile = replay(
                TestTransactions.at("2026-01-10T12:00:00Z").setAmountMinor(100).build(),
                TestTransactions.at("2026-01-10T12:00:01Z").setAmountMinor(200).build(),
                TestTransactions.at("2026-01-10T12:00:02Z").setAmountMinor(300).build());
        CardSnapshot snapshot = profile.snapshotAt(Instant.parse("2026-01-10T12:01:00Z"));

        assertThat(snapshot.getAmountMean()).isCloseTo(200.0, within(1e-9));
        assertThat(snapshot.getAmountStdDev()).isCloseTo(100.0, within(1e-9));
        assertThat(snapshot.amountZScore(600)).isCloseTo(4.0, within(1e-9));
    }

    @Test
    void remembersOnlyTheMostRecentCountriesAndMerchants() {
        CardProfile profile = replay(
                TestTransactions.at("2026-01-10T12:00:00Z").setCountry("NL").setMerchantId("m1").build(),
                TestTransactions.at("2026-01-10T12:01:00Z").setCountry("BE").setMerchantId("m2").build(),
                TestTransactions.at("2026-01-10T12:02:00Z").setCountry("DE").setMerchantId("m3").build(),
                TestTransactions.at("2026-01-10T12:03:00Z").setCountry("FR").setMerchantId("m4").build());
        CardSnapshot snapshot = profile.snapshotAt(Instant.parse("2026-01-10T12:04:00Z"));

        assertThat(snapshot.seenCountry("NL")).isFalse();
        assertThat(snapshot.seenCountry("FR")).isTrue();
        assertThat(snapshot.seenMerchant("m1")).isFalse();
        assertThat(snapshot.seenMerchant("m4")).isTrue();
        assertThat(snapshot.getDistinctCountries24h()).isEqualTo(3);
        assertThat(snapshot.getHomeCountry()).isEqualTo("NL");
        assertThat(snapshot.getLastCountry()).isEqualTo("FR");
    }

    @Test
    void lateTransactionDoesNotMoveLastTimeOrCountryBack() {
        CardProfile profile = replay(
                TestTransactions.at("2026-01-10T12:10:00Z").setCountry("NL").build(),
                TestTransactions.at("2026-01-10T12:00:00Z").setCountry("BE").build());
        CardSnapshot snapshot = profile.snapshotAt(Instant.parse("2026-01-10T12:30:00Z"));

        assertThat(snapshot.getLastCountry()).isEqualTo("NL");
        assertThat(snapshot.getLastEventTime()).isEqualTo(Instant.parse("2026-01-10T12:10:00Z"));
        assertThat(snapshot.getFirstSeen()).isEqualTo(Instant.parse("2026-01-10T12:00:00Z"));
        assertThat(snapshot.getMinutesSinceLast()).isEqualTo(20);
    }

    @Test
    void newCardHasNoLastTransaction() {
        CardSnapshot snapshot = CardProfile.empty().snapshotAt(Instant.parse("2026-01-10T12:00:00Z"));

        assertThat(snapshot.getLastCountry()).isNull();
        assertThat(snapshot.getMinutesSinceLast()).isEqualTo(CardSnapshot.NEVER);
        assertThat(snapshot.getTxCount()).isZero();
        assertThat(snapshot.amountZScore(1_000_000)).isZero();
    }

    @Test
    void cardExpiresAfterConfiguredIdleTime() {
        CardProfile profile = replay(TestTransactions.at("2026-01-10T12:00:00Z").build());

        assertThat(updater.isExpired(profile, Instant.parse("2026-02-09T11:59:00Z"))).isFalse();
        assertThat(updater.isExpired(profile, Instant.parse("2026-02-09T12:01:00Z"))).isTrue();
        assertThat(profile.isIdleSince(Instant.parse("2026-01-10T13:00:00Z"), Duration.ofMinutes(30))).isTrue();
    }

    private CardProfile replay(Transaction... transactions) {
        CardProfile profile = CardProfile.empty();
        for (Transaction tx : transactions) {
            profile = updater.apply(profile, tx);
        }
        return profile;
    }
}
