package io.riskstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class StretchConfigTest {

    private static final String VOTERS = "1@127.0.0.1:1,2@127.0.0.1:2,3@127.0.0.1:3";

    @Test
    void aControllerVotesAndHoldsNoData() {
        KafkaNode controller = new KafkaNode(3, "c", KafkaNode.Role.CONTROLLER, 9093, Path.of("/cluster"),
                Path.of("/logs"));

        String config = StretchConfig.of(controller, VOTERS, StretchLayout.twoZones());

        assertThat(config).contains("process.roles=controller\n", "node.id=3\n",
                "controller.quorum.voters=" + VOTERS + "\n", "listeners=CONTROLLER://127.0.0.1:9093\n",
                // The controllers create topics: they apply the defaults of one created without them.
                "default.replication.factor=4\n", "min.insync.replicas=3\n");
        assertThat(config).doesNotContain("broker.rack");
    }

    @Test
    void aBrokerIsRackedInItsZoneAndEveryTopicSpansBothZones() {
        KafkaNode broker = new KafkaNode(102, "a", KafkaNode.Role.BROKER, 9092, Path.of("/cluster"), Path.of("/logs"));

        String config = StretchConfig.of(broker, VOTERS, StretchLayout.twoZones());

        assertThat(config).contains("process.roles=broker\n", "broker.rack=a\n",
                "advertised.listeners=PLAINTEXT://127.0.0.1:9092\n", "default.replication.factor=4\n",
                "min.insync.replicas=3\n", "offsets.topic.replication.factor=4\n",
                "transaction.state.log.replication.factor=4\n", "transaction.state.log.min.isr=3\n",
                "unclean.leader.election.enable=false\n");
    }

    @Test
    void aLayoutNeedsTwoZonesAThirdSiteAndNoMoreReplicasThanBrokers() {
        assertThat(StretchLayout.twoZones().sites()).containsExactly("a", "b", "c");
        assertThatThrownBy(() -> new StretchLayout(List.of("a", "b"), "a", 2, (short) 4, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StretchLayout(List.of("a", "b"), "c", 1, (short) 4, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StretchLayout(List.of("a", "b"), "c", 2, (short) 4, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
