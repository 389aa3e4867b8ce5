package io.riskstream.toppages;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code riskstream.top-pages.*}.
 *
 * @param windowSize how much event time one window covers
 * @param advance how far apart window starts are; windows are aligned to the epoch
 * @param grace how long after a window's end a late page view still counts
 * @param rankDelay how long (wall clock) the ranking waits, after the first final count of a window arrives,
 *                  for the final counts of the other page partitions before it publishes the window
 * @param checkInterval how often (wall clock) the ranking looks for windows to publish
 */
@Validated
@ConfigurationProperties("riskstream.top-pages")
public record TopPagesSettings(
        @DefaultValue("1m") @NotNull Duration windowSize,
        @DefaultValue("5s") @NotNull Duration advance,
        @DefaultValue("5s") @NotNull Duration grace,
        @DefaultValue("5s") @NotNull Duration rankDelay,
        @DefaultValue("1s") @NotNull Duration checkInterval) {

    @AssertTrue(message = "advance must be positive and at most the window size")
    boolean isAdvanceWithinWindow() {
        return !advance.isNegative() && !advance.isZero() && advance.compareTo(windowSize) <= 0;
    }
}
