package io.riskstream.rules;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a ruleset from the rules directory, compiles it and runs its test cases: what must hold before a
 * ruleset may be published.
 */
public final class RuleSetLoader {

    private final Path directory;
    private final RuleSetCompiler compiler;
    private final RuleSetTestCases testCases;

    public RuleSetLoader(Path directory, RuleSetCompiler compiler, RuleSetTestCases testCases) {
        this.directory = directory;
        this.compiler = compiler;
        this.testCases = testCases;
    }

    /**
     * The ruleset {@code name} as its files are now, compiled as {@code version} and tested.
     *
     * @throws RuleSetRejectedException naming the file, line and problem, or the failing test cases
     */
    public CompiledRuleSet load(String name, long version) {
        Path dir = directory.resolve(name);
        if (!Files.isDirectory(dir)) {
            throw new RuleSetRejectedException(name, java.util.List.of("no directory " + dir.toAbsolutePath()
                    + " (riskstream.rules.directory is " + directory.toAbsolutePath() + ")"));
        }
        RuleSetFiles files = RuleSetFiles.read(dir);
        CompiledRuleSet ruleSet = compiler.compile(name, version, files.drl());
        testCases.verify(ruleSet, files.tests());
        return ruleSet;
    }

    public Path directory() {
        return directory;
    }
}
