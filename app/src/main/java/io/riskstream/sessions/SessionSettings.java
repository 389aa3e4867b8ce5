package io.riskstream.sessions;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code riskstream.sessions.*}.
 *
 * @param inactivityGap a user's events belong to one session while they are at most this far apart
 * @param grace how long past the gap a session stays open for events that arrive late
 * @param allowedLateness how long after its close a summarized session is kept, so that a later event still merges
 *     into it and a superseding summary replaces its summary; an event further behind goes to {@code late-site-events}
 * @param closeCheckInterval how often (wall clock, and stream time) sessions are checked for closing
 */
@Validated
@ConfigurationProperties("riskstream.sessions")
public record SessionSettings(
        @DefaultValue("30m") @NotNull Duration inactivityGap,
        @DefaultValue("1m") @NotNull Duration grace,
        @DefaultValue("30m") @NotNull Duration allowedLateness,
        @DefaultValue("5s") @NotNull Duration closeCheckInterval) {

    /** The earliest end of a session still open at {@code now}: it closes once "now" has passed end + gap + grace. */
    long openEndsFrom(long now) {
        return now - inactivityGap.toMillis() - grace.toMillis();
    }

    /** Whether an event at {@code time} is too late at stream time {@code streamTime}: past gap + grace + lateness. */
    boolean tooLate(long time, long streamTime) {
        return time < openEndsFrom(streamTime) - allowedLateness.toMillis();
    }

    /**
     * The earliest end of a summarized session still kept at stream time {@code streamTime}: one gap before the
     * earliest event that is not too late, so that such an event still finds every session it bridges.
     */
    long keptEndsFrom(long streamTime) {
        return openEndsFrom(streamTime) - allowedLateness.toMillis() - inactivityGap.toMillis();
    }

    /**
     * How far behind its newest record a store keeps what this stream needs of it: a session kept until
     * {@link #keptEndsFrom}, with a check interval to spare for stream time that moves on between two checks.
     */
    Duration retention() {
        return inactivityGap.multipliedBy(2).plus(grace).plus(allowedLateness).plus(closeCheckInterval);
    }
}
