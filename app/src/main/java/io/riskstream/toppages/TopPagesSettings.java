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
 * @param windowSize how much event time one window covers; a whole number of {@code advance}s
 * @param advance how far apart window starts are; windows are aligned to the epoch
 * @param grace how long after a window's end a late page view still counts
 * @param idleAfter how long (wall clock) an input partition may go without a record before its event time is taken
 *                  to move on with the wall clock, closing its windows; also how long the ranking waits for an
 *                  input partition that has never reported a closed window before it ranks without it
 * @param checkInterval how often (wall clock) quiet partitions close windows and the ranking looks for windows to
 *                      publish
 */
@Validated
@ConfigurationProperties("riskstream.top-pages")
public record TopPagesSettings(
        @DefaultValue("1m") @NotNull Duration windowSize,
        @DefaultValue("5s") @NotNull Duration advance,
        @DefaultValue("5s") @NotNull Duration grace,
        @DefaultValue("10s") @NotNull Duration idleAfter,
        @DefaultValue("1s") @NotNull Duration checkInterval) {

    @AssertTrue(message = "advance must be positive and at most the window size")
    boolean isAdvanceWithinWindow() {
        return !advance.isNegative() && !advance.isZero() && advance.compareTo(windowSize) <= 0;
    }

    // Views are counted per advance-long slot and a window is the sum of its slots, so slots must tile it.
    @AssertTrue(message = "window size must be a whole number of advances")
    boolean isWindowAWholeNumberOfAdvances() {
        return advance.isNegative() || advance.isZero() || windowSize.toMillis() % advance.toMillis() == 0;
    }

    WindowGrid grid() {
        return new WindowGrid(windowSize.toMillis(), advance.toMillis(), grace.toMillis());
    }
}
