package io.riskstream.rules.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

import io.riskstream.rules.engine.DeclaredRuleSet;
import io.riskstream.rules.engine.EvaluationLimits;
import io.riskstream.rules.engine.RuleEvaluator;
import io.riskstream.rules.engine.RuleSetCompiler;
import io.riskstream.rules.engine.RuleSetTestCases;

/** The repository's own rulesets ({@code ../rules} from the app module), for tests that decide with them. */
public final class RepositoryRules {

    public static final Path ROOT = Path.of("..", "rules");

    private RepositoryRules() {
    }

    /** The declared ruleset, compiled from its files, its test cases passed, and active as {@code version}. */
    public static ActiveRuleSets active(DeclaredRuleSet<?> ruleSet, long version, Clock clock) {
        RuleEvaluator evaluator = new RuleEvaluator(EvaluationLimits.DEFAULTS);
        RuleSetCompiler compiler = new RuleSetCompiler();
        ActiveRuleSets rules = new ActiveRuleSets(evaluator, clock);
        rules.activate(new RuleSetLoader(ROOT, compiler, new RuleSetTestCases(compiler, evaluator, List.of(ruleSet)))
                .load(ruleSet.name(), version));
        return rules;
    }

    /** A copy of the repository's rules directory in a new temporary directory, to change without touching it. */
    public static Path copy() throws IOException {
        return copyTree(ROOT, Files.createTempDirectory("riskstream-rules"));
    }

    /** The same, with the fraud ruleset's files and test cases also as its shadow, {@code fraud.shadow}. */
    public static Path copyWithShadow() throws IOException {
        Path rules = copy();
        copyTree(ROOT.resolve("fraud"), rules.resolve("fraud.shadow"));
        return rules;
    }

    /** Copies the directory {@code source} to {@code target}, with everything in it. */
    public static Path copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        return target;
    }

    /** Deletes the directory {@code root} with everything in it. */
    public static void delete(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
