package io.riskstream.rules.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Global;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;

/**
 * Compiles the DRL files of a ruleset into a {@link CompiledRuleSet}, or rejects them with every problem
 * the Drools builder reports (file, line, message). Thread-safe.
 */
public final class RuleSetCompiler {

    public static final String DRL_SUFFIX = ".drl";
    private static final String RESOURCE_ROOT = "src/main/resources/";
    private static final String GROUP_ID = "io.riskstream.rules";
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)", Pattern.MULTILINE);

    /** Each build is its own KieModule; a unique release id keeps concurrent builds apart. */
    private static final AtomicLong BUILDS = new AtomicLong();

    private final KieServices kieServices = KieServices.Factory.get();
    private final RuleObserver observer;

    public RuleSetCompiler() {
        this(RuleObserver.NONE);
    }

    public RuleSetCompiler(RuleObserver observer) {
        this.observer = observer;
    }

    /**
     * @param name    the ruleset name, e.g. {@code fraud}
     * @param version the version decisions will carry
     * @param files   DRL text by file name (e.g. {@code velocity.drl}); every name must end in .drl
     * @throws RuleSetRejectedException when there is nothing to compile or the files do not compile
     */
    public CompiledRuleSet compile(String name, long version, Map<String, String> files) {
        long start = System.nanoTime();
        boolean accepted = false;
        try {
            CompiledRuleSet compiled = build(name, version, files);
            accepted = true;
            return compiled;
        } finally {
            observer.compiled(name, System.nanoTime() - start, accepted);
        }
    }

    private CompiledRuleSet build(String name, long version, Map<String, String> files) {
        List<String> problems = new ArrayList<>();
        files.keySet().stream().filter(file -> !file.endsWith(DRL_SUFFIX))
                .forEach(file -> problems.add(file + ": not a " + DRL_SUFFIX + " file"));
        if (files.isEmpty() || files.values().stream().allMatch(String::isBlank)) {
            problems.add("the ruleset has no rules (no .drl file with content)");
        }
        if (!problems.isEmpty()) {
            throw new RuleSetRejectedException(name, problems);
        }
        ReleaseId releaseId = kieServices.newReleaseId(GROUP_ID, name, version + "." + BUILDS.incrementAndGet());
        KieFileSystem kfs = kieServices.newKieFileSystem().generateAndWritePomXML(releaseId);
        Map<String, String> fileByPath = new HashMap<>();
        files.forEach((file, drl) -> {
            String path = RESOURCE_ROOT + folderOf(drl) + file;
            fileByPath.put(path, file);
            kfs.write(path, drl);
        });
        KieBuilder builder = kieServices.newKieBuilder(kfs).buildAll();
        for (Message message : builder.getResults().getMessages(Message.Level.ERROR)) {
            problems.add(describe(message, fileByPath));
        }
        if (!problems.isEmpty()) {
            kieServices.getRepository().removeKieModule(releaseId);
            throw new RuleSetRejectedException(name, problems);
        }
        KieContainer container = kieServices.newKieContainer(releaseId);
        // The container keeps its module; the repository would otherwise keep every version ever built.
        kieServices.getRepository().removeKieModule(releaseId);
        KieBase kieBase = container.getKieBase();
        List<String> ruleNames = new ArrayList<>();
        Set<String> globals = new HashSet<>();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            kiePackage.getRules().stream().map(Rule::getName).forEach(ruleNames::add);
            for (Global global : kiePackage.getGlobalVariables()) {
                globals.add(global.getName());
            }
        }
        if (ruleNames.isEmpty()) {
            throw new RuleSetRejectedException(name, List.of("the ruleset has no rules"));
        }
        ruleNames.sort(null);
        return new CompiledRuleSet(name, version, files, ruleNames, kieBase, globals);
    }

    /** The folder of the DRL's package; Drools warns about a file whose folder does not match it. */
    private static String folderOf(String drl) {
        Matcher matcher = PACKAGE.matcher(drl);
        return matcher.find() ? matcher.group(1).replace('.', '/') + "/" : "";
    }

    private static String describe(Message message, Map<String, String> fileByPath) {
        String path = message.getPath() == null ? "?" : fileByPath.getOrDefault(message.getPath(), message.getPath());
        String line = message.getLine() > 0 ? ":" + message.getLine() : "";
        return path + line + ": " + message.getText().strip();
    }
}
