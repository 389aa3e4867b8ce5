package io.riskstream.platform;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything under {@code riskstream.*}, validated at start so that a bad setting fails fast.
 *
 * @param zone the availability zone of this instance: standby state is placed in another zone
 */
@Validated
@ConfigurationProperties("riskstream")
public record RiskstreamProperties(
        @DefaultValue("local") @NotBlank String zone,
        @Valid @NotNull @DefaultValue Streams streams,
        @Valid @NotNull Kafka kafka,
        @Valid @NotNull Registry registry,
        @Valid @NotNull @DefaultValue Topics topics,
        @Valid @NotNull @DefaultValue Inputs inputs) {

    /**
     * Kafka Streams settings that operators tune (the rest is in application.yml).
     *
     * @param standbyReplicas warm copies of each state store on other instances (1 in production)
     * @param stateDir where local state stores live
     */
    public record Streams(@DefaultValue("0") @Min(0) int standbyReplicas,
                          @DefaultValue("riskstream-streams") @NotBlank String stateDir) {
    }

    /** @param bootstrapServers the brokers, {@code host:port[,host:port]} */
    public record Kafka(@NotBlank String bootstrapServers) {
    }

    /**
     * @param url the Apicurio Registry v2 API base, {@code http://host:port/apis/registry/v2}
     * @param autoRegister whether serializers of topics the app writes may register a schema the registry does
     *                     not have yet (true only in the local run; never for topics other systems write)
     * @param requireSubjects whether the start fails when the registry lacks a subject the app reads or writes,
     *                        or the app's version of it (true in production)
     * @param client Apicurio's client settings, passed as they are to every serde: {@code apicurio.auth.username}
     *               and {@code apicurio.auth.password} (basic), or {@code apicurio.auth.service.url},
     *               {@code apicurio.auth.realm}, {@code apicurio.auth.client.id} and {@code apicurio.auth.client.secret}
     *               (OpenID Connect); {@code apicurio.registry.request.ssl.truststore.location} and its
     *               {@code .password} and {@code .type} for a registry behind TLS (docs/security.md)
     * @param framing how the app frames the schema id of what it writes: {@code confluent} (magic byte and content
     *                id in the value, what any Confluent-compatible reader decodes), or {@code headers} (Apicurio's
     *                global id header, what builds before it wrote) for the first roll of an upgrade from them
     */
    public record Registry(@NotBlank String url, @DefaultValue("false") boolean autoRegister,
                           @DefaultValue("false") boolean requireSubjects,
                           @DefaultValue Map<String, String> client,
                           @DefaultValue("confluent") @NotNull AvroSerdes.Framing framing) {
    }

    /**
     * How the app creates the contract's topics when they are missing.
     *
     * @param partitions partitions of every event topic (not of {@code rulesets}, which has one)
     * @param replicationFactor 3 in production, so that losing one broker loses nothing
     * @param rulesHistory how long every published ruleset version stays on {@code rulesets} before
     *                     compaction may drop all but the newest of each name: the audit trail
     */
    public record Topics(@DefaultValue("6") @Min(1) int partitions,
                         @DefaultValue("1") @Min(1) short replicationFactor,
                         @DefaultValue("400d") @NotNull Duration rulesHistory) {
    }

    /**
     * What every input record must satisfy, whatever its topic: see {@link InputLimits}.
     *
     * @param maxFutureSkew an event time further ahead of this instance's clock goes to the dead-letter topic
     * @param maxEventAge an older event time goes to the dead-letter topic; keep it no longer than
     *                    {@code riskstream.fraud.duplicate-horizon}, and below the topics'
     *                    {@code message.timestamp.before.max.ms} if the brokers set one
     * @param maxDeadLetterBytes a dead-letter copy larger than this keeps only the first bytes of its value; below
     *                           the dead-letter topics' {@code max.message.bytes}, which the app creates at 4 MiB
     */
    public record Inputs(@DefaultValue("5m") @NotNull Duration maxFutureSkew,
                         @DefaultValue("7d") @NotNull Duration maxEventAge,
                         @DefaultValue("3145728") @Min(65536) int maxDeadLetterBytes) {
    }
}
