package io.riskstream.rules;

import java.nio.file.Path;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code riskstream.rules.*}.
 *
 * @param directory where the rulesets lie, one directory each ({@code rules/fraud}, {@code rules/logins})
 * @param maxFirings rule firings after which one evaluation is cut off as a runaway (and decided REVIEW)
 * @param maxReasons reasons kept per decision
 */
@Validated
@ConfigurationProperties("riskstream.rules")
public record RulesSettings(
        @DefaultValue("rules") @NotBlank String directory,
        @DefaultValue("1000") @Min(1) int maxFirings,
        @DefaultValue("50") @Min(1) int maxReasons) {

    /** The directory as a file-system path, relative to the working directory unless absolute. */
    public Path directoryPath() {
        return Path.of(directory);
    }
}
