package io.riskstream.rules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads every ruleset the app evaluates from the rules directory: compiles it, runs its test cases, and
 * activates it. A ruleset that fails stops the start, with the file, line and problem in the message:
 * deciding with no rules, or with rules whose tests fail, is worse than not starting.
 */
public final class RuleSetLoader {

    private static final Logger LOG = LoggerFactory.getLogger(RuleSetLoader.class);

    private final Path directory;
    private final RuleSetCompiler compiler;
    private final RuleSetTestCases testCases;
    private final ActiveRuleSets active;

    public RuleSetLoader(Path directory, RuleSetCompiler compiler, RuleSetTestCases testCases, ActiveRuleSets active) {
        this.directory = directory;
        this.compiler = compiler;
        this.testCases = testCases;
        this.active = active;
    }

    /** Compiles, tests and activates each named ruleset as {@code version}. */
    public void loadAll(Collection<String> names, long version) {
        for (String name : names) {
            Path dir = directory.resolve(name);
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("ruleset '" + name + "' has no directory " + dir.toAbsolutePath()
                        + " (riskstream.rules.directory is " + directory.toAbsolutePath() + ")");
            }
            RuleSetFiles files = RuleSetFiles.read(dir);
            CompiledRuleSet ruleSet = compiler.compile(name, version, files.drl());
            testCases.verify(ruleSet, files.tests());
            active.activate(ruleSet);
            LOG.info("Ruleset {} version {} active: {} rules, sha256 {}", name, version, ruleSet.ruleNames().size(),
                    ruleSet.sha256());
        }
    }
}
