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
     * The same broker with TLS on every client listener, certificates of {@code certificates}' authority, and ACLs
     * enforced (KRaft's StandardAuthorizer): a principal may do only what an ACL allows, but the super user
     * {@code admin}, with whom the broker talks to itself. On {@code port}, SASL/SCRAM-SHA-512 over TLS; on
     * {@code mutualTlsPort}, a client certificate instead, whose {@code CN} is the principal ({@code CN=riskstream}
     * is {@code User:riskstream}, as SCRAM's {@code riskstream} is). The controller listener stays plaintext on
     * loopback, as the broker's own (its principal, ANONYMOUS, is a super user too: only the broker reaches that port).
     */
    static String secured(int port, int mutualTlsPort, int controllerPort, Path logDirs, String adminPassword,
                          Certificates certificates) {
        String tls = certificates.password();
        return String.join("\n",
                "listeners=SASL_SSL://127.0.0.1:" + port + ",MTLS://127.0.0.1:" + mutualTlsPort
                        + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=SASL_SSL://127.0.0.1:" + port + ",MTLS://127.0.0.1:" + mutualTlsPort,
                "inter.broker.listener.name=SASL_SSL",
                "listener.security.protocol.map=SASL_SSL:SASL_SSL,MTLS:SSL,CONTROLLER:PLAINTEXT",
                "ssl.keystore.location=" + certificates.server("broker"),
                "ssl.keystore.password=" + tls,
                "ssl.keystore.type=PKCS12",
                "ssl.truststore.location=" + certificates.trustStore(),
                "ssl.truststore.password=" + tls,
                "ssl.truststore.type=PKCS12",
                "listener.name.mtls.ssl.client.auth=required",
                "ssl.principal.mapping.rules=RULE:^CN=([^,]+)$/$1/,DEFAULT",
                "sasl.enabled.mechanisms=SCRAM-SHA-512",
                "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512",
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=" + KafkaBroker.scramLogin("admin",
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
