package io.riskstream.logins;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.riskstream.rules.engine.CaseFacts;

/**
 * The facts of a {@code logins} rule test case: {@code given: {countries: [..], failedCountries: [..], userId: ..}},
 * the countries of the session's successful logins and (optional) of its failed ones.
 */
public final class LoginCaseFacts implements CaseFacts {

    private static final Set<String> GIVEN_KEYS = Set.of("countries", "failedCountries", "userId");
    private static final String DEFAULT_USER = "case-user";

    @Override
    public List<Object> facts(Map<String, Object> given, Map<String, Object> defaults) {
        for (String key : given.keySet()) {
            if (!GIVEN_KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' in given; allowed: " + GIVEN_KEYS);
            }
        }
        return List.of(new LoginSessionFacts(String.valueOf(given.getOrDefault("userId", DEFAULT_USER)),
                countries(given, "countries", null), countries(given, "failedCountries", List.of())));
    }

    private static TreeSet<String> countries(Map<String, Object> given, String key, List<?> absent) {
        Object countries = given.getOrDefault(key, absent);
        if (!(countries instanceof List<?> list)) {
            throw new IllegalArgumentException("given." + key + " must be a list of country codes");
        }
        TreeSet<String> distinct = new TreeSet<>();
        list.forEach(country -> distinct.add(String.valueOf(country)));
        return distinct;
    }
}
