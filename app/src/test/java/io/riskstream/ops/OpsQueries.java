package io.riskstream.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The PromQL of the repository's operations files: the alert rules Prometheus loads and the queries of the Grafana
 * dashboard, and the metric names they use.
 */
public final class OpsQueries {

    static final Path OPS = Path.of("..", "ops");
    static final Path ALERTS = OPS.resolve("prometheus/riskstream-alerts.yml");
    static final Path SCRAPE = OPS.resolve("prometheus/prometheus.yml");
    static final Path DASHBOARD = OPS.resolve("grafana/dashboards/riskstream.json");

    /** Words of PromQL that are not metrics: keywords and modifiers. */
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "bool", "offset", "inf", "nan");
    /** Label lists of aggregations and vector matching: {@code by (le, ruleset)}, {@code on ()}. */
    private static final Pattern LABEL_LISTS = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private OpsQueries() {
    }

    /** Every alert of the rules file, as Prometheus reads it. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> alerts() {
        try (InputStream in = Files.newInputStream(ALERTS)) {
            Map<String, Object> file = new Yaml().load(in);
            List<Map<String, Object>> alerts = new ArrayList<>();
            for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
                alerts.addAll((List<Map<String, Object>>) group.get("rules"));
            }
            return alerts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every query of the dashboard's panels, with Grafana's {@code $__rate_interval} as a plain range. */
    public static List<String> dashboardQueries() {
        try {
            JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
            List<String> queries = new ArrayList<>();
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    queries.add(target.path("expr").asText().replace("$__rate_interval", "5m"));
                }
            }
            return queries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every query of the alerts and the dashboard. */
    public static List<String> allQueries() {
        List<String> queries = new ArrayList<>(dashboardQueries());
        alerts().forEach(alert -> queries.add(String.valueOf(alert.get("expr"))));
        return queries;
    }

    /** The metric names {@code query} selects: what is left once strings, matchers, ranges, label lists and calls go. */
    public static Set<String> metricNames(String query) {
        String stripped = query.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                // Numbers and durations (0.99, 5m, 1e3): not names, whatever letters follow the digits.
                .replaceAll("(?<![a-zA-Z0-9_:])\\d[0-9.eE+]*[a-z]*", " ");
        stripped = LABEL_LISTS.matcher(stripped).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(stripped);
        while (identifier.find()) {
            String word = identifier.group();
            String after = stripped.substring(identifier.end()).stripLeading();
            boolean call = after.startsWith("(");
            if (!call && !KEYWORDS.contains(word.toLowerCase()) && !word.matches("\\d.*")) {
                names.add(word);
            }
        }
        return names;
    }
}
