package io.riskstream.logins;

import java.util.List;
import java.util.SortedSet;

/**
 * What a {@code logins} rule sees of a session: the user and the session's distinct countries so far.
 * Read-only; getters are named for rule authors ({@code LoginSessionFacts(distinctCountries > 3)}).
 */
public final class LoginSessionFacts {

    private final String userId;
    private final List<String> countries;

    public LoginSessionFacts(String userId, SortedSet<String> countries) {
        this.userId = userId;
        this.countries = List.copyOf(countries);
    }

    public String getUserId() {
        return userId;
    }

    /** The distinct ISO-3166 alpha-2 countries of the session, sorted. */
    public List<String> getCountries() {
        return countries;
    }

    public int getDistinctCountries() {
        return countries.size();
    }
}
