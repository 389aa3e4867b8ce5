package io.riskstream.rules.lifecycle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.riskstream.rules.engine.CompiledRuleSet;
import io.riskstream.rules.engine.RuleSetCompiler;
import io.riskstream.rules.engine.RuleSetRejectedException;
import io.riskstream.rules.engine.RuleSetTestCases;

/**
 * Reads a ruleset from the rules directory, compiles it and runs its test cases: what must hold before a
 * ruleset may be published.
 */
final class RuleSetLoader {

    private final Path directory;
    private final RuleSetCompiler compiler;
    private final RuleSetTestCases testCases;

    RuleSetLoader(Path directory, RuleSetCompiler compiler, RuleSetTestCases testCases) {
        this.directory = directory;
        this.compiler = compiler;
        this.testCases = testCases;
    }

    /**
     * The ruleset {@code name} as its files are now, compiled as {@code version} and tested.
     *
     * @throws RuleSetRejectedException naming the file, line and problem, or the failing test cases
     */
    CompiledRuleSet load(String name, long version) {
        Path dir = directory.resolve(name);
        if (!Files.isDirectory(dir)) {
            throw new RuleSetRejectedException(name, List.of("no directory " + dir.toAbsolutePath()
                    + " (riskstream.rules.directory is " + directory.toAbsolutePath() + ")"));
        }
        RuleSetFiles files = RuleSetFiles.read(dir);
        CompiledRuleSet ruleSet = compiler.compile(name, version, files.drl());
        testCases.verify(ruleSet, files.tests());
        return ruleSet;
    }

    Path directory() {
        return directory;
    }
}
