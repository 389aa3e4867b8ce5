package io.riskstream.dashboard;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code riskstream.dashboard.*}.
 *
 * @param enabled whether this instance reads the topics the dashboard shows
 * @param recentAlerts how many alerts the dashboard lists, newest first
 * @param rateWindow the decision rates are counted over this much of the recent past
 * @param backlog at start, how many of the newest records of each top-pages and alerts partition are read again
 * @param pollTimeout how long one poll of the dashboard's consumer waits for records
 * @param staleAfter the newest top-pages window is shown as stale once it ended longer ago than this: windows
 *                   come out about grace plus {@code idle-after} after their end even with no traffic
 * @param showFullIds whether alerts show card and user ids in full; by default only their last four characters
 */
@Validated
@ConfigurationProperties("riskstream.dashboard")
public record DashboardSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("20") @Min(1) int recentAlerts,
        @DefaultValue("1m") @NotNull Duration rateWindow,
        @DefaultValue("20") @Min(1) int backlog,
        @DefaultValue("500ms") @NotNull Duration pollTimeout,
        @DefaultValue("1m") @NotNull Duration staleAfter,
        @DefaultValue("false") boolean showFullIds) {
}
