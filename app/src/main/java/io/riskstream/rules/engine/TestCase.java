package io.riskstream.rules.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One case of a rule test file: its name, what is given, and what is expected of the evaluation: which rules
 * fire and which do not, plus what the ruleset's kind lets a case expect of its outcome ({@code expected}).
 */
record TestCase(String name, Map<String, Object> given, Map<String, Object> defaults, List<String> fires,
                List<String> doesNotFire, Map<String, Object> expected) {

    private static final Set<String> FILE_KEYS = Set.of("defaults", "cases");
    private static final Set<String> CASE_KEYS = Set.of("name", "given", "expect");
    private static final Set<String> FIRING_KEYS = Set.of("fires", "doesNotFire");

    /** @param kindKeys what the ruleset's kind lets a case expect besides firings */
    @SuppressWarnings("unchecked")
    static List<TestCase> parseFile(String yamlText, Set<String> kindKeys) {
        Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
        Map<String, Object> file = loaded == null ? Map.of() : (Map<String, Object>) loaded;
        requireOnly(file, FILE_KEYS, "file");
        Map<String, Object> defaults = (Map<String, Object>) file.getOrDefault("defaults", Map.of());
        List<Map<String, Object>> cases = (List<Map<String, Object>>) file.get("cases");
        if (cases == null || cases.isEmpty()) {
            throw new IllegalArgumentException("no 'cases'");
        }
        Set<String> expectKeys = new HashSet<>(FIRING_KEYS);
        expectKeys.addAll(kindKeys);
        List<TestCase> parsed = new ArrayList<>();
        for (Map<String, Object> testCase : cases) {
            requireOnly(testCase, CASE_KEYS, "case");
            Object name = testCase.get("name");
            if (name == null) {
                throw new IllegalArgumentException("a case without a 'name'");
            }
            Map<String, Object> expect = (Map<String, Object>) testCase.getOrDefault("expect", Map.of());
            requireOnly(expect, expectKeys, "expect of '" + name + "'");
            Map<String, Object> expected = new LinkedHashMap<>(expect);
            expected.keySet().removeAll(FIRING_KEYS);
            parsed.add(new TestCase(name.toString(), (Map<String, Object>) testCase.getOrDefault("given", Map.of()),
                    defaults, (List<String>) expect.getOrDefault("fires", List.of()),
                    (List<String>) expect.getOrDefault("doesNotFire", List.of()), expected));
        }
        return parsed;
    }

    /** What differs between this case's expectations and {@code evaluation}; empty when it passes. */
    <R> List<String> check(Evaluation<R> evaluation, RuleSetKind<R> kind, List<String> ruleNames) {
        List<String> problems = new ArrayList<>();
        for (String rule : fires) {
            if (!ruleNames.contains(rule)) {
                problems.add("expects unknown rule '" + rule + "' to fire");
            } else if (!evaluation.fired(rule)) {
                problems.add("expected '" + rule + "' to fire; fired: " + evaluation.firedRules());
            }
        }
        for (String rule : doesNotFire) {
            if (!ruleNames.contains(rule)) {
                problems.add("expects unknown rule '" + rule + "' not to fire");
            } else if (evaluation.fired(rule)) {
                problems.add("expected '" + rule + "' not to fire; fired: " + evaluation.firedRules());
            }
        }
        problems.addAll(kind.check(expected, evaluation.outcome()));
        return problems;
    }

    private static void requireOnly(Map<String, Object> map, Set<String> allowed, String where) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' in " + where + "; allowed: "
                        + allowed.stream().sorted().toList());
            }
        }
    }
}
