package io.riskstream.zones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import io.riskstream.devstack.KafkaBroker;

/**
 * The keeper's changes on a real broker. The broker has no rack, so to a keeper of zones a and b both are out: it
 * lowers. The raise, and the whole loss and return of a zone, are the zone drill's (bench/run-zone-drill).
 */
class ZoneKeeperIT {

    private static final ConfigResource CLUSTER = new ConfigResource(ConfigResource.Type.BROKER, "");

    @Test
    void aLostZoneLowersTheClusterDefaultAndEveryHigherTopicLevelValueOnceAndSaysWhy() throws Exception {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        try (KafkaBroker broker = KafkaBroker.start(); Admin admin = Admin.create(broker.adminConfig())) {
            admin.createTopics(List.of(
                    new NewTopic("kept-high", 1, (short) 1).configs(Map.of("min.insync.replicas", "3")),
                    new NewTopic("kept-low", 1, (short) 1).configs(Map.of("min.insync.replicas", "1")),
                    new NewTopic("kept-default", 1, (short) 1))).all().get();
            ZoneKeeper keeper = new ZoneKeeper(admin, new ZoneSettings(List.of("a", "b"), 3, 2,
                    Duration.ofSeconds(1)), new PrintStream(said, true, StandardCharsets.UTF_8));

            assertThat(keeper.check()).isEqualTo(ZonePolicy.Action.LOWER);
            // A dynamic setting reaches the broker through the metadata log, a moment after the change returns.
            await().atMost(Duration.ofSeconds(10)).until(() -> "2".equals(value(admin, CLUSTER)));
            assertThat(keeper.check()).as("the cluster remembers it was lowered").isEqualTo(ZonePolicy.Action.NOTHING);

            assertThat(value(admin, topic("kept-high"))).isEqualTo("2");
            assertThat(value(admin, topic("kept-low"))).as("a lower value is left as it is").isEqualTo("1");
            assertThat(source(admin, topic("kept-default"))).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG);
            assertThat(said.toString(StandardCharsets.UTF_8))
                    .contains("zone(s) [a, b] have no live broker: min.insync.replicas lowered to 2");

            admin.incrementalAlterConfigs(Map.of(CLUSTER, List.of(new AlterConfigOp(
                    new ConfigEntry("min.insync.replicas", "3"), AlterConfigOp.OpType.SET)))).all().get();
            await().atMost(Duration.ofSeconds(10)).until(() -> "3".equals(value(admin, CLUSTER)));
            assertThat(keeper.check()).as("a cluster no longer lowered is lowered again")
                    .isEqualTo(ZonePolicy.Action.LOWER);
        }
    }

    private static ConfigResource topic(String name) {
        return new ConfigResource(ConfigResource.Type.TOPIC, name);
    }

    private static String value(Admin admin, ConfigResource resource) throws Exception {
        return admin.describeConfigs(List.of(resource)).all().get().get(resource).get("min.insync.replicas").value();
    }

    private static ConfigEntry.ConfigSource source(Admin admin, ConfigResource resource) throws Exception {
        return admin.describeConfigs(List.of(resource)).all().get().get(resource).get("min.insync.replicas").source();
    }
}
