package io.riskstream.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The operations files parse as Prometheus parses them ({@code promtool}, Debian's {@code prometheus} package, which
 * {@code .ci/run} installs), and each alert says what it is and where its runbook entry is.
 */
class OpsFilesTest {

    @Test
    void everyAlertRuleParses() throws Exception {
        assertThat(promtool("check", "rules", OpsQueries.ALERTS.toString())).contains("SUCCESS");
    }

    @Test
    void everyDashboardQueryParsesAsPromQl() throws Exception {
        List<String> queries = OpsQueries.dashboardQueries();
        assertThat(queries).hasSizeGreaterThan(10);
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            rules.append("      - record: dashboard:query_").append(i).append('\n')
                    .append("        expr: '").append(queries.get(i).replace("'", "''")).append("'\n");
        }
        Path file = Files.createTempFile("dashboard-queries", ".yml");
        Files.writeString(file, rules);

        assertThat(promtool("check", "rules", file.toString())).contains("SUCCESS: " + queries.size() + " rules found");
    }

    @Test
    void theScrapeConfigurationParses() throws Exception {
        assertThat(promtool("check", "config", "--syntax-only", OpsQueries.SCRAPE.toString())).contains("SUCCESS");
    }

    @Test
    void everyAlertHasASeverityASummaryAndARunbookEntryThatExists() throws IOException {
        Set<String> anchors = anchors(Path.of("..", "docs", "operations.md"));
        for (Map<String, Object> alert : OpsQueries.alerts()) {
            @SuppressWarnings("unchecked")
            Map<String, String> labels = (Map<String, String>) alert.get("labels");
            @SuppressWarnings("unchecked")
            Map<String, String> annotations = (Map<String, String>) alert.get("annotations");
            String name = String.valueOf(alert.get("alert"));
            assertThat(labels.get("severity")).as(name).isIn("warning", "critical");
            assertThat(annotations.get("summary")).as(name).isNotBlank();
            String runbook = annotations.get("runbook");
            assertThat(runbook).as(name).startsWith("docs/operations.md#");
            assertThat(anchors).as(name + ": " + runbook).contains(runbook.substring(runbook.indexOf('#') + 1));
        }
    }

    @Test
    void metricNamesAreTakenFromQueriesWithoutFunctionsLabelsOrKeywords() {
        assertThat(OpsQueries.metricNames("histogram_quantile(0.99, sum by (le) (rate(a_bucket{x=\"by(y)\"}[5m])))"
                + " > 0.25 and on () sum(max by (topic) (b{group=\"g\"})) > 0 unless c offset 5m"))
                .containsExactlyInAnyOrder("a_bucket", "b", "c");
    }

    /** GitHub's anchors of the headings of {@code markdown}: lower case, spaces to dashes, punctuation dropped. */
    static Set<String> anchors(Path markdown) throws IOException {
        return Files.readAllLines(markdown, StandardCharsets.UTF_8).stream().filter(line -> line.startsWith("#"))
                .map(line -> line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'))
                .collect(Collectors.toSet());
    }

    /**
     * promtool's output; fails when it fails. Without promtool the test is skipped, unless
     * {@code RISKSTREAM_REQUIRE_PROMTOOL} is set (as {@code .ci/run} sets it), where it fails.
     */
    private static String promtool(String... args) throws IOException, InterruptedException {
        boolean present = new ProcessBuilder("sh", "-c", "command -v promtool").start().waitFor() == 0;
        if (System.getenv("RISKSTREAM_REQUIRE_PROMTOOL") == null) {
            assumeTrue(present, "promtool is not installed (apt-get install prometheus): the operations files are"
                    + " not checked");
        }
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
        return output;
    }
}
