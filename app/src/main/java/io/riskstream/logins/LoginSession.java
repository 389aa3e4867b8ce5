package io.riskstream.logins;

import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The state of one login session of a user: the distinct countries of its successful logins and, apart, of its
 * failed ones; the countries an alert has already reported, and whether one was raised, so that a session that
 * grows or merges never raises the same alert twice. {@code logins} counts both kinds.
 *
 * <p>Failed logins are kept apart because a failed login is not the account being used from that country (a
 * typo, a guessed password, a blocked attacker), yet rules may still want to see them (credential stuffing).
 */
public record LoginSession(SortedSet<String> countries, SortedSet<String> failedCountries,
                           SortedSet<String> alertedCountries, boolean alerted, long logins) {

    public LoginSession {
        countries = Collections.unmodifiableSortedSet(new TreeSet<>(countries));
        failedCountries = Collections.unmodifiableSortedSet(new TreeSet<>(failedCountries));
        alertedCountries = Collections.unmodifiableSortedSet(new TreeSet<>(alertedCountries));
    }

    static LoginSession of(String country, boolean success) {
        TreeSet<String> one = new TreeSet<>(Set.of(country));
        return success ? new LoginSession(one, new TreeSet<>(), new TreeSet<>(), false, 1)
                : new LoginSession(new TreeSet<>(), one, new TreeSet<>(), false, 1);
    }

    /** One session out of two that a login bridged: every country, and every country already reported. */
    LoginSession merge(LoginSession other) {
        return new LoginSession(union(countries, other.countries), union(failedCountries, other.failedCountries),
                union(alertedCountries, other.alertedCountries), alerted || other.alerted, logins + other.logins);
    }

    private static SortedSet<String> union(SortedSet<String> one, SortedSet<String> other) {
        TreeSet<String> all = new TreeSet<>(one);
        all.addAll(other);
        return all;
    }

    /**
     * Whether an alert may say something new: none was raised yet, or the session has successful countries that
     * no alert has reported (an alert reports the successful countries).
     */
    boolean mayAlert() {
        return !alerted || !alertedCountries.containsAll(countries);
    }

    /** The same session once an alert has reported all its countries. */
    LoginSession reported() {
        return new LoginSession(countries, failedCountries, countries, true, logins);
    }
}
