package io.riskstream.logins;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code riskstream.logins.*}.
 *
 * @param inactivityGap a user's logins belong to one session while they are at most this far apart
 * @param allowedLateness how long after a session would have closed a late login may still change it
 */
@Validated
@ConfigurationProperties("riskstream.logins")
public record LoginSettings(
        @DefaultValue("5m") @NotNull Duration inactivityGap,
        @DefaultValue("1m") @NotNull Duration allowedLateness) {
}
