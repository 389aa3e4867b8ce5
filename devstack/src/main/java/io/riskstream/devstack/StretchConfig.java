package io.riskstream.devstack;

/** The server.properties of a node of a stretched cluster: a controller of the static quorum, or a racked broker. */
final class StretchConfig {

    private StretchConfig() {
    }

    static String of(KafkaNode node, String quorumVoters, StretchLayout layout) {
        short replicas = layout.replicationFactor();
        int minInsync = layout.minInsyncReplicas();
        String common = String.join("\n",
                "node.id=" + node.id(),
                "controller.quorum.voters=" + quorumVoters,
                "controller.listener.names=CONTROLLER",
                "log.dirs=" + node.dataDir().resolve("data"),
                // Every topic, Kafka's own too, has its replicas in both zones (rack-aware placement) and needs
                // an acknowledgement from both: docs/two-zones.md says why these numbers. The controllers apply
                // the defaults of a topic created without them, the brokers those of Kafka's own topics.
                "default.replication.factor=" + replicas,
                "min.insync.replicas=" + minInsync,
                "");
        if (!node.isBroker()) {
            return common + String.join("\n",
                    "process.roles=controller",
                    "listeners=CONTROLLER://127.0.0.1:" + node.port(),
                    "listener.security.protocol.map=CONTROLLER:PLAINTEXT",
                    "");
        }
        return common + String.join("\n",
                "process.roles=broker",
                "broker.rack=" + node.site(),
                "listeners=PLAINTEXT://127.0.0.1:" + node.port(),
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + node.port(),
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "offsets.topic.replication.factor=" + replicas,
                "transaction.state.log.replication.factor=" + replicas,
                "transaction.state.log.min.isr=" + minInsync,
                "share.coordinator.state.topic.replication.factor=" + replicas,
                "share.coordinator.state.topic.min.isr=" + minInsync,
                "unclean.leader.election.enable=false",
                "replica.selector.class=org.apache.kafka.common.replica.RackAwareReplicaSelector",
                // Few partitions for Kafka's own topics: a small machine runs the whole cluster.
                "offsets.topic.num.partitions=6",
                "transaction.state.log.num.partitions=6",
                "auto.create.topics.enable=false",
                "group.initial.rebalance.delay.ms=0",
                "");
    }
}
