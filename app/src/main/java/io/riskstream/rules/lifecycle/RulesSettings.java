package io.riskstream.rules.lifecycle;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code riskstream.rules.*}.
 *
 * @param directory where the rulesets lie, one directory each ({@code rules/fraud}, {@code rules/logins})
 * @param maxFirings rule firings after which one evaluation is cut off as a runaway (and decided REVIEW)
 * @param maxReasons reasons kept per decision
 * @param watch whether a change to the files publishes the ruleset (the local run does; production
 *              deployments usually publish with {@code POST /actuator/rules} instead)
 * @param watchQuietPeriod a burst of saves publishes once, this long after the last save
 * @param catchUpTimeout how long the start may take to read {@code rulesets} (or the legacy topic) to its end
 * @param publishTimeout how long publishing waits for the broker and for this instance to switch
 * @param legacyTopic where rulesets were published before {@code rulesets}: a ruleset with no version on
 *                    {@code rulesets} is carried over from it at start (see docs/operations.md, Upgrading); blank
 *                    for none
 */
@Validated
@ConfigurationProperties("riskstream.rules")
public record RulesSettings(
        @DefaultValue("rules") @NotBlank String directory,
        @DefaultValue("1000") @Min(1) int maxFirings,
        @DefaultValue("50") @Min(1) int maxReasons,
        @DefaultValue("false") boolean watch,
        @DefaultValue("500ms") @NotNull Duration watchQuietPeriod,
        @DefaultValue("60s") @NotNull Duration catchUpTimeout,
        @DefaultValue("15s") @NotNull Duration publishTimeout,
        @DefaultValue("fraud-rules") @NotNull String legacyTopic) {

    /** The directory as a file-system path, relative to the working directory unless absolute. */
    public Path directoryPath() {
        return Path.of(directory);
    }
}
