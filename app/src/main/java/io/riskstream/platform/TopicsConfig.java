package io.riskstream.platform;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** Creates the contract's topics (and dead-letter topics) that do not exist yet; never alters existing ones. */
@Configuration(proxyBeanMethods = false)
class TopicsConfig {

    static final int DEAD_LETTER_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    @Bean
    KafkaAdmin.NewTopics riskstreamTopics(RiskstreamProperties properties) {
        RiskstreamProperties.Topics topics = properties.topics();
        List<NewTopic> all = new ArrayList<>();
        for (Topic<?> topic : Topics.ALL) {
            if (topic.equals(Topics.RULESETS)) {
                // One partition keeps every ruleset publication in one total order; compaction keeps the
                // newest version of each ruleset name forever, and every version for the rules history.
                all.add(TopicBuilder.name(topic.name()).partitions(1).replicas(topics.replicationFactor())
                        .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                        .config(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG,
                                String.valueOf(topics.rulesHistory().toMillis())).build());
            } else {
                all.add(TopicBuilder.name(topic.name()).partitions(topics.partitions())
                        .replicas(topics.replicationFactor()).build());
            }
        }
        for (Topic<?> input : Topics.INPUTS) {
            // Room for a copy of the largest record an input accepts by default (1 MiB) with the headers that say
            // why it is here; the streams' producers may send that much (application.yml), and the marker keeps
            // every copy under riskstream.inputs.max-dead-letter-bytes.
            all.add(TopicBuilder.name(input.deadLetterTopic()).partitions(topics.partitions())
                    .replicas(topics.replicationFactor())
                    .config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(DEAD_LETTER_MAX_MESSAGE_BYTES))
                    .build());
        }
        return new KafkaAdmin.NewTopics(all.toArray(NewTopic[]::new));
    }
}
