package io.riskstream.platform;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The operator of the apps the tests start: health details, metrics and the rulesets are read as this user. */
public final class TestUsers {

    public static final String OPERATOR = "operator";
    public static final String OPERATOR_PASSWORD = "operator-" + UUID.randomUUID();

    private TestUsers() {
    }

    public static Map<String, String> properties() {
        return Map.of("riskstream.security.operator-username", OPERATOR,
                "riskstream.security.operator-password", OPERATOR_PASSWORD);
    }

    public static List<String> appArgs() {
        return properties().entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    }

    /** The Authorization header value of {@code user}. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The operator's Authorization header value. */
    public static String operator() {
        return basic(OPERATOR, OPERATOR_PASSWORD);
    }
}
