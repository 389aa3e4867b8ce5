package io.riskstream.logins;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The state of one login session of a user: its distinct countries, and the countries an alert has
 * already reported, so that a session that grows or merges never raises the same alert twice.
 */
public record LoginSession(SortedSet<String> countries, SortedSet<String> alertedCountries, long logins) {

    public LoginSession {
        countries = Collections.unmodifiableSortedSet(new TreeSet<>(countries));
        alertedCountries = Collections.unmodifiableSortedSet(new TreeSet<>(alertedCountries));
    }

    static LoginSession of(String country) {
        return new LoginSession(new TreeSet<>(java.util.Set.of(country)), new TreeSet<>(), 1);
    }

    /** One session out of two that a login bridged: every country, and every country already reported. */
    LoginSession merge(LoginSession other) {
        TreeSet<String> all = new TreeSet<>(countries);
        all.addAll(other.countries);
        TreeSet<String> alerted = new TreeSet<>(alertedCountries);
        alerted.addAll(other.alertedCountries);
        return new LoginSession(all, alerted, logins + other.logins);
    }

    /** Whether the session has countries that no alert has reported yet. */
    boolean hasUnreportedCountries() {
        return !alertedCountries.containsAll(countries);
    }

    boolean wasAlerted() {
        return !alertedCountries.isEmpty();
    }

    /** The same session once an alert has reported all its countries. */
    LoginSession reported() {
        return new LoginSession(countries, countries, logins);
    }
}
