package io.riskstream.siteevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class SiteEventReadersTest {

    static final Set<String> SITE_EVENT_READERS = Set.of("rankTopPages", "summarizeSessions");

    @Test
    void theFirstEnabledReaderOfSiteEventsWritesTheDeadLettersAndTheOthersSkip() {
        SiteEventReaders readers = new SiteEventReaders(
                List.of("scoreTransactions", "rankTopPages", "summarizeSessions"), SITE_EVENT_READERS::contains);

        assertThat(readers.input("rankTopPages", "top-pages.skipped").writesDeadLetters()).isTrue();
        assertThat(readers.input("summarizeSessions", "sessions.skipped").writesDeadLetters()).isFalse();
    }

    @Test
    void theSessionsStreamAloneWritesTheDeadLetters() {
        SiteEventReaders readers = new SiteEventReaders(List.of("scoreTransactions", "summarizeSessions"),
                SITE_EVENT_READERS::contains);

        assertThat(readers.deadLetterWriter()).contains("summarizeSessions");
        assertThat(readers.input("summarizeSessions", "sessions.skipped").writesDeadLetters()).isTrue();
    }

    @Test
    void withNoReaderInTheConfigurationTheOneThatAsksWrites() {
        SiteEventReaders readers = new SiteEventReaders(List.of("scoreTransactions"), SITE_EVENT_READERS::contains);

        assertThat(readers.deadLetterWriter()).isEmpty();
        assertThat(readers.input("summarizeSessions", "sessions.skipped").writesDeadLetters()).isTrue();
    }

    @Test
    void readersAreTheEnabledFunctionsThatTheCatalogSaysReadSiteEvents() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(SiteEventReaders.DEFINITION, " scoreTransactions;summarizeSessions ; rankTopPages;");

        assertThat(SiteEventReaders.of(environment).deadLetterWriter()).contains("summarizeSessions");
    }
}
