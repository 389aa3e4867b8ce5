package io.riskstream.rules.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.conf.ThreadSafeOption;

/**
 * A ruleset compiled once and never changed: its name, version, content hash, rule names and the
 * KieBase every evaluation opens an empty session on. Build one with {@link RuleSetCompiler}.
 */
public final class CompiledRuleSet {

    /**
     * A session is only ever used by the thread that took it from the pool, until it gives it back: without Drools'
     * own locking and synchronized propagation queue, which cost every insert and firing (#12).
     */
    private static final KieSessionConfiguration ONE_THREAD = oneThread();

    private final String name;
    private final long version;
    private final String sha256;
    private final SortedMap<String, String> files;
    private final List<String> ruleNames;
    private final KieBase kieBase;
    private final Set<String> globals;
    // Opening a session was a sixth of an evaluation; a pooled session is reset and reused when disposed.
    private final KieSessionsPool sessions;

    CompiledRuleSet(String name, long version, Map<String, String> files, List<String> ruleNames, KieBase kieBase,
                    Set<String> globals) {
        this.name = name;
        this.version = version;
        this.files = new TreeMap<>(files);
        this.sha256 = sha256Of(files);
        this.ruleNames = List.copyOf(ruleNames);
        this.kieBase = kieBase;
        this.globals = Set.copyOf(globals);
        this.sessions = kieBase.newKieSessionsPool(2);
    }

    /**
     * The content hash a {@code RuleSet} record carries: hex SHA-256 over the files in name order, each
     * as its UTF-8 name, a NUL byte, its UTF-8 text and a NUL byte.
     */
    public static String sha256Of(Map<String, String> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> file : new TreeMap<>(files).entrySet()) {
                digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.getValue().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    public String name() {
        return name;
    }

    public long version() {
        return version;
    }

    public String sha256() {
        return sha256;
    }

    /** The DRL files it was compiled from, by file name. */
    public SortedMap<String, String> files() {
        return Collections.unmodifiableSortedMap(files);
    }

    /** Names of all rules, sorted; a rule's name is the rule id its reasons carry. */
    public List<String> ruleNames() {
        return ruleNames;
    }

    KieBase kieBase() {
        return kieBase;
    }

    /** A session with nothing in it, from the pool; {@code dispose()} empties it and gives it back. */
    KieSession newSession() {
        return sessions.newKieSession(ONE_THREAD);
    }

    private static KieSessionConfiguration oneThread() {
        KieSessionConfiguration configuration = KieServices.Factory.get().newKieSessionConfiguration();
        configuration.setOption(ThreadSafeOption.NO);
        return configuration;
    }

    boolean declaresGlobal(String name) {
        return globals.contains(name);
    }

    @Override
    public String toString() {
        return name + " v" + version + " (" + sha256 + ", " + ruleNames.size() + " rules)";
    }
}
