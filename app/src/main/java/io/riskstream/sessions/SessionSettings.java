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
 * @param closeCheckInterval how often (wall clock, and stream time) sessions are checked for closing
 */
@Validated
@ConfigurationProperties("riskstream.sessions")
public record SessionSettings(
        @DefaultValue("30m") @NotNull Duration inactivityGap,
        @DefaultValue("1m") @NotNull Duration grace,
        @DefaultValue("5s") @NotNull Duration closeCheckInterval) {

    /** The earliest end of a session still open at {@code now}: it closes once "now" has passed end + gap + grace. */
    long openEndsFrom(long now) {
        return now - inactivityGap.toMillis() - grace.toMillis();
    }
}
