package io.riskstream.rules;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.riskstream.events.RuleSet;

/** The newest {@link RuleSet} of each name seen on {@code fraud-rules}: what the next version follows. */
public final class PublishedRuleSets {

    private final Map<String, RuleSet> newest = new ConcurrentHashMap<>();

    void seen(RuleSet ruleSet) {
        newest.merge(ruleSet.getName(), ruleSet, (old, candidate) ->
                candidate.getVersion() > old.getVersion() ? candidate : old);
    }

    public Optional<RuleSet> newest(String name) {
        return Optional.ofNullable(newest.get(name));
    }

    /** The newest published version of {@code name}, 0 when none was ever published. */
    public long newestVersion(String name) {
        return newest(name).map(RuleSet::getVersion).orElse(0L);
    }
}
