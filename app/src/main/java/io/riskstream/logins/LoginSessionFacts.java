package io.riskstream.logins;

import java.util.List;
import java.util.SortedSet;

/**
 * What a {@code logins} rule sees of a session: the user, the distinct countries of its successful logins so
 * far, and apart from them those of its failed logins ({@code success=false}). Read-only; getters are named for
 * rule authors ({@code LoginSessionFacts(distinctCountries > 3)}, {@code LoginSessionFacts(distinctFailedCountries
 * > 5)}).
 */
public final class LoginSessionFacts {

    private final String userId;
    private final List<String> countries;
    private final List<String> failedCountries;

    public LoginSessionFacts(String userId, SortedSet<String> countries, SortedSet<String> failedCountries) {
        this.userId = userId;
        this.countries = List.copyOf(countries);
        this.failedCountries = List.copyOf(failedCountries);
    }

    public String getUserId() {
        return userId;
    }

    /** The distinct ISO-3166 alpha-2 countries of the session's successful logins, sorted. */
    public List<String> getCountries() {
        return countries;
    }

    public int getDistinctCountries() {
        return countries.size();
    }

    /** The distinct countries of the session's failed logins, sorted; a country may be in both lists. */
    public List<String> getFailedCountries() {
        return failedCountries;
    }

    public int getDistinctFailedCountries() {
        return failedCountries.size();
    }
}
