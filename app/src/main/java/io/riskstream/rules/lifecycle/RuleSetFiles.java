package io.riskstream.rules.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.riskstream.rules.engine.RuleSetCompiler;

/**
 * The files of one ruleset as they lie in {@code rules/<name>/}: its DRL files ({@code *.drl}) and its
 * test cases ({@code tests/*.yaml}), each by file name.
 */
public record RuleSetFiles(String name, SortedMap<String, String> drl, SortedMap<String, String> tests) {

    static final String TESTS_DIR = "tests";
    private static final List<String> TEST_SUFFIXES = List.of(".yaml", ".yml");

    public RuleSetFiles(String name, Map<String, String> drl, Map<String, String> tests) {
        this(name, new TreeMap<>(drl), new TreeMap<>(tests));
    }

    /** Reads {@code dir}; the ruleset's name is the directory's name. */
    public static RuleSetFiles read(Path dir) {
        return new RuleSetFiles(dir.getFileName().toString(),
                readFiles(dir, List.of(RuleSetCompiler.DRL_SUFFIX)),
                readFiles(dir.resolve(TESTS_DIR), TEST_SUFFIXES));
    }

    /** Every ruleset under {@code rulesRoot} (each subdirectory is one), sorted by name. */
    public static List<RuleSetFiles> readAll(Path rulesRoot) {
        try (Stream<Path> dirs = Files.list(rulesRoot)) {
            List<RuleSetFiles> all = new ArrayList<>();
            dirs.filter(Files::isDirectory).sorted().forEach(dir -> all.add(read(dir)));
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list rulesets in " + rulesRoot, e);
        }
    }

    private static SortedMap<String, String> readFiles(Path dir, List<String> suffixes) {
        SortedMap<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> paths = Files.list(dir)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                String fileName = path.getFileName().toString();
                if (suffixes.stream().anyMatch(fileName::endsWith)) {
                    files.put(fileName, Files.readString(path, StandardCharsets.UTF_8));
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + dir, e);
        }
    }
}
