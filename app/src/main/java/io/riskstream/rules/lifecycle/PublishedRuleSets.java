package io.riskstream.rules.lifecycle;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.riskstream.events.RuleSet;

/**
 * The newest {@link RuleSet} of each name seen on {@code rulesets}: what the next version follows. A version can
 * also be reserved without a record: one published on the legacy topic that was not carried over.
 */
public final class PublishedRuleSets {

    private final Map<String, RuleSet> newest = new ConcurrentHashMap<>();
    private final Map<String, Long> reserved = new ConcurrentHashMap<>();

    void seen(RuleSet ruleSet) {
        newest.merge(ruleSet.getName(), ruleSet, (old, candidate) ->
                candidate.getVersion() > old.getVersion() ? candidate : old);
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
