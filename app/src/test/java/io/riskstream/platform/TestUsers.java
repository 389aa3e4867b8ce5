package io.riskstream.platform;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The users of the apps the tests start: the operator (health details, metrics and the rulesets are read as this
 * user) and, in apps of this JVM, a rules administrator (backtests).
 */
public final class TestUsers {

    public static final String OPERATOR = "operator";
    public static final String OPERATOR_PASSWORD = "operator-" + UUID.randomUUID();
    public static final String RULES_ADMIN = "rules-admin";
    public static final String RULES_ADMIN_PASSWORD = "rules-admin-" + UUID.randomUUID();

    private TestUsers() {
    }

    /**
     * The operator as an app in this JVM is configured: its password as a hash, since a plain one is taken from
     * the environment only.
     */
    public static Map<String, String> properties() {
        return Map.of("riskstream.security.operator-username", OPERATOR,
                "riskstream.security.operator-password", hashed(OPERATOR_PASSWORD),
                "riskstream.security.rules-admin-username", RULES_ADMIN,
                "riskstream.security.rules-admin-password", hashed(RULES_ADMIN_PASSWORD));
    }

    /** The operator's user name, for an app process; its password goes in {@link #environment()}. */
    public static List<String> appArgs() {
        return List.of("--riskstream.security.operator-username=" + OPERATOR);
    }

    /** The operator's password in plain text, in an app process's environment. */
    public static Map<String, String> environment() {
        return Map.of("RISKSTREAM_SECURITY_OPERATOR_PASSWORD", OPERATOR_PASSWORD);
    }

    /** {@code {bcrypt}...} of {@code password}, at a low cost: tests check many requests. */
    public static String hashed(String password) {
        return "{bcrypt}" + new BCryptPasswordEncoder(4).encode(password);
    }

    /** The Authorization header value of {@code user}. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The rules administrator's Authorization header value. */
    public static String rulesAdmin() {
        return basic(RULES_ADMIN, RULES_ADMIN_PASSWORD);
    }

    /** The operator's Authorization header value. */
    public static String operator() {
        return basic(OPERATOR, OPERATOR_PASSWORD);
    }
}
