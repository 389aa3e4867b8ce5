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

    @Bean
    KafkaAdmin.NewTopics riskstreamTopics(RiskstreamProperties properties) {
        RiskstreamProperties.Topics topics = properties.topics();
        List<NewTopic> all = new ArrayList<>();
        for (Topic<?> topic : Topics.ALL) {
            if (topic.equals(Topics.FRAUD_RULES)) {
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
            all.add(TopicBuilder.name(input.deadLetterTopic()).partitions(topics.partitions())
                    .replicas(topics.replicationFactor()).build());
        }
        return new KafkaAdmin.NewTopics(all.toArray(NewTopic[]::new));
    }
}
