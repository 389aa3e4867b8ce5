package io.riskstream.rules.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.riskstream.fraud.CardProfileConfig;
import io.riskstream.fraud.CardProfileUpdater;
import io.riskstream.fraud.FraudScorer;
import io.riskstream.logins.LoginCaseFacts;
import io.riskstream.rules.engine.DeclaredRuleSet;
import io.riskstream.rules.engine.EvaluationLimits;
import io.riskstream.rules.engine.FiredRules;
import io.riskstream.rules.engine.RuleEvaluator;
import io.riskstream.rules.engine.RuleSetCompiler;
import io.riskstream.rules.engine.RuleSetTestCases;

/** Every test case of every ruleset under the repository's {@code rules/}: a rule author's mistake fails the build. */
class RepositoryRuleSetsTest {

    static final Path RULES_ROOT = RepositoryRules.ROOT;

    private final RuleSetTestCases testCases = new RuleSetTestCases(new RuleSetCompiler(),
            new RuleEvaluator(EvaluationLimits.DEFAULTS), List.of(
            FraudScorer.ruleSet(new CardProfileUpdater(new CardProfileConfig(20, 50, Duration.ofDays(30)))),
            new DeclaredRuleSet<>("logins", FiredRules.KIND, new LoginCaseFacts())));

    @TestFactory
    List<DynamicTest> everyRuleSetPassesItsTestCases() {
        assertThat(RULES_ROOT.resolve(FraudScorer.RULESET)).matches(Files::isDirectory, "is a directory");
        return RuleSetFiles.readAll(RULES_ROOT).stream()
                .map(files -> DynamicTest.dynamicTest(files.name(), () -> {
                    assertThat(files.tests()).as("test cases of " + files.name()).isNotEmpty();
                    assertThat(testCases.run(files.name(), files.drl(), files.tests()))
                            .as("failures of ruleset " + files.name()).isEmpty();
                }))
                .toList();
    }
}
