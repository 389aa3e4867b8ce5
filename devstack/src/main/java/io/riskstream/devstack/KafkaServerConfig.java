package io.riskstream.devstack;

import java.nio.file.Path;

/** The server.properties of a single-node KRaft broker that is also its own controller. */
final class KafkaServerConfig {

    private KafkaServerConfig() {
    }

    static String of(int port, int controllerPort, Path logDirs) {
        return String.join("\n",
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                common(controllerPort, logDirs));
    }

    /**
     * The same broker with SASL/SCRAM-SHA-512 on its client listener and ACLs enforced (KRaft's StandardAuthorizer):
     * a principal may do only what an ACL allows, but the super user {@code admin}, with whom the broker talks to
     * itself. The controller listener stays plaintext on loopback, as the broker's own (its principal, ANONYMOUS, is
     * a super user too: only the broker reaches that port).
     */
    static String secured(int port, int controllerPort, Path logDirs, String adminPassword) {
        return String.join("\n",
                "listeners=SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=SASL_PLAINTEXT://127.0.0.1:" + port,
                "inter.broker.listener.name=SASL_PLAINTEXT",
                "listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
                "sasl.enabled.mechanisms=SCRAM-SHA-512",
                "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512",
                "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=" + KafkaBroker.scramLogin("admin",
                        adminPassword),
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users=User:admin;User:ANONYMOUS",
                "allow.everyone.if.no.acl.found=false",
                common(controllerPort, logDirs));
    }

    private static String common(int controllerPort, Path logDirs) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "controller.listener.names=CONTROLLER",
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
