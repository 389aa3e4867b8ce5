package io.riskstream.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.riskstream.fraud.CardProfileConfig;
import io.riskstream.fraud.CardProfileUpdater;
import io.riskstream.fraud.FraudCaseFacts;
import io.riskstream.fraud.FraudScorer;
import io.riskstream.logins.LoginCaseFacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every test case of every ruleset under the repository's {@code rules/}: a rule author's mistake fails the build. */
class RepositoryRuleSetsTest {

    static final Path RULES_ROOT = RepositoryRules.ROOT;

    private final RuleSetTestCases testCases = new RuleSetTestCases(new RuleSetCompiler(),
            new RuleEvaluator(EvaluationLimits.DEFAULTS), Map.of(FraudScorer.RULESET,
            new FraudCaseFacts(new CardProfileUpdater(new CardProfileConfig(20, 50, Duration.ofDays(30)))),
            "logins", new LoginCaseFacts()));

    @TestFactory
    List<DynamicTest> everyRuleSetPassesItsTestCases() {
        assertThat(RULES_ROOT.resolve(FraudScorer.RULESET)).matches(Files::isDirectory, "is a directory");
        return RuleSetFiles.readAll(RULES_ROOT).stream()
                .map(files -> DynamicTest.dynamicTest(files.name(), () -> {
                    assertThat(files.tests()).as("test cases of " + files.name()).isNotEmpty();
                    assertThat(testCases.run(files)).as("failures of ruleset " + files.name()).isEmpty();
                }))
                .toList();
    }
}
