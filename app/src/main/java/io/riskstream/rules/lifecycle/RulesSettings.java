package io.riskstream.rules.lifecycle;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

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
 * @param signing who may publish: the key this instance signs with, and the keys whose rulesets it obeys
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
        @DefaultValue("fraud-rules") @NotNull String legacyTopic,
        @DefaultValue @NotNull Signing signing) {

    /**
     * {@code riskstream.rules.signing.*}: see {@link RuleSetSignatures} and docs/security.md.
     *
     * @param trustedKeys    Ed25519 public keys (PEM, or base64 of X.509) by key id: a ruleset signed by one of them is
     *                       obeyed, any other is refused. At least one.
     * @param keyId          the id of the key this instance signs its publications with; blank on instances that never
     *                       publish (they can still decide and follow)
     * @param privateKeyFile that key's private half (PKCS#8 PEM), readable by the app's user only
     * @param privateKey     the private key itself, for a secret given in the environment
     *                       ({@code RISKSTREAM_RULES_SIGNING_PRIVATEKEY}) instead of a file
     */
    public record Signing(@DefaultValue Map<String, String> trustedKeys, String keyId, String privateKeyFile,
                          String privateKey) {
    }

    /** The directory as a file-system path, relative to the working directory unless absolute. */
    public Path directoryPath() {
        return Path.of(directory);
    }
}
