package io.riskstream.rules.lifecycle;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.riskstream.events.RuleSet;
import io.riskstream.rules.engine.CompiledRuleSet;
import io.riskstream.rules.engine.RuleSetCompiler;

/**
 * The newest {@link RuleSet} of each name seen on {@code rulesets}: what the next version follows. A version can
 * also be reserved without a record: one published on the legacy topic that was not carried over.
 */
public final class PublishedRuleSets {

    private final Map<String, RuleSet> newest = new ConcurrentHashMap<>();
    private final Map<String, Long> reserved = new ConcurrentHashMap<>();
    /** Every version read, by name: what a backtest replays a past decision with. A few kilobytes each. */
    private final Map<String, Map<Long, RuleSet>> versions = new ConcurrentHashMap<>();

    void seen(RuleSet ruleSet) {
        newest.merge(ruleSet.getName(), ruleSet, (old, candidate) ->
                candidate.getVersion() > old.getVersion() ? candidate : old);
        versions.computeIfAbsent(ruleSet.getName(), name -> new ConcurrentHashMap<>())
                .putIfAbsent(ruleSet.getVersion(), ruleSet);
    }

    /**
     * Version {@code version} of {@code name} as published (signed, when signatures are required), compiled.
     *
     * @throws IllegalArgumentException if no such version was read from {@code rulesets}
     * @throws io.riskstream.rules.engine.RuleSetRejectedException if it does not compile here
     */
    public CompiledRuleSet compile(String name, long version, RuleSetCompiler compiler) {
        RuleSet published = versions.getOrDefault(name, Map.of()).get(version);
        if (published == null) {
            throw new IllegalArgumentException("ruleset '" + name + "' has no published version " + version
                    + " on rulesets; published: " + versions.getOrDefault(name, Map.of()).keySet().stream().sorted()
                    .toList());
        }
        return RuleSetDistribution.compile(compiler, published);
    }

    Optional<RuleSet> newest(String name) {
        return Optional.ofNullable(newest.get(name));
    }

    /** The newest published (or reserved) version of {@code name}, 0 when none was ever published. */
    public long newestVersion(String name) {
        return Math.max(newest(name).map(RuleSet::getVersion).orElse(0L), reserved.getOrDefault(name, 0L));
    }

    /** Keeps {@code version} of {@code name} from naming other content: the next publication is newer. */
    void reserve(String name, long version) {
        reserved.merge(name, version, Math::max);
    }
}
