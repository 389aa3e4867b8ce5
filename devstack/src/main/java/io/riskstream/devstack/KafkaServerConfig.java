package io.riskstream.devstack;

import java.nio.file.Path;

/** The server.properties of a single-node KRaft broker that is also its own controller. */
final class KafkaServerConfig {

    private KafkaServerConfig() {
    }

    static String of(int port, int controllerPort, Path logDirs) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logDirs,
                "num.partitions=3",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                // A single partition loads at once: the first consumer group needs no coordinator retries.
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                // One member joining must not wait: tests and the local run start consumers right away.
                "group.initial.rebalance.delay.ms=0",
                "");
    }
}
