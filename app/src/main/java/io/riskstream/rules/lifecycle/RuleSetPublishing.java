package io.riskstream.rules.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.riskstream.rules.engine.RuleSetRejectedException;

/**
 * Publishing on behalf of a person or the file watcher: every declared ruleset is published on its own
 * (one rejected ruleset does not hold back another), and each publication returns once this instance
 * decides with the new version.
 */
public final class RuleSetPublishing {

    /** @param changed false when the files were those of the newest published version already */
    public record Publication(String name, long version, String sha256, boolean changed) {
    }

    /** What publishing every ruleset did: the publications, and the rejections with their problems. */
    public record Outcome(List<Publication> published, List<RuleSetRejectedException> rejected) {

        public boolean hasRejections() {
            return !rejected.isEmpty();
        }
    }

    private static final Duration POLL = Duration.ofMillis(50);

    private final RuleSetPublisher publisher;
    private final ActiveRuleSets active;
    private final List<String> names;
    private final Set<String> shadows;
    private final Duration timeout;
    private final Clock clock;

    RuleSetPublishing(RuleSetPublisher publisher, ActiveRuleSets active, List<String> names, Set<String> shadows,
                      Duration timeout, Clock clock) {
        this.publisher = publisher;
        this.active = active;
        this.names = List.copyOf(names);
        this.shadows = Set.copyOf(shadows);
        this.timeout = timeout;
        this.clock = clock;
    }

    public List<String> names() {
        return names;
    }

    /** The shadow rulesets among {@link #names()}. */
    public Set<String> shadows() {
        return shadows;
    }

    public Outcome publishAll(String by) {
        List<Publication> published = new ArrayList<>();
        List<RuleSetRejectedException> rejected = new ArrayList<>();
        for (String name : names) {
            try {
                published.add(publish(name, by));
            } catch (RuleSetRejectedException e) {
                rejected.add(e);
            }
        }
        return new Outcome(published, rejected);
    }

    /**
     * Publishes {@code name} and waits until this instance has switched to the new version. A shadow whose directory
     * is gone is published without files: off.
     */
    Publication publish(String name, String by) {
        Publication publication = shadows.contains(name) && !publisher.hasFiles(name)
                ? publisher.publishOff(name, by) : publisher.publish(name, by);
        Instant deadline = clock.instant().plus(timeout);
        while (active.version(name) < publication.version()) {
            if (clock.instant().isAfter(deadline)) {
                throw new IllegalStateException("ruleset " + name + " version " + publication.version()
                        + " was published but is not active here after " + timeout);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for ruleset " + name, e);
            }
        }
        return publication;
    }
}
