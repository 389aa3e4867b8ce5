package io.riskstream.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** One instance keeps its group.instance.id across restarts; two instances never share one. */
class StaticMembershipTest {

    @Test
    void anInstanceRestartedWithItsStateDirectoryKeepsItsId() {
        String first = StaticMembership.instanceId(configuration(Map.of(StaticMembership.STATE_DIR, "/var/lib/rs")), "host-a");
        String again = StaticMembership.instanceId(configuration(Map.of(StaticMembership.STATE_DIR, "/var/lib/./rs/")), "host-a");

        assertThat(again).isEqualTo(first).startsWith("host-a-").matches("[a-zA-Z0-9._-]+");
    }

    @Test
    void twoInstancesOnOneHostHaveTwoStateDirectoriesAndSoTwoIds() {
        String one = StaticMembership.instanceId(configuration(Map.of(StaticMembership.STATE_DIR, "/tmp/a")), "host");
        String two = StaticMembership.instanceId(configuration(Map.of(StaticMembership.STATE_DIR, "/tmp/b")), "host");
        String elsewhere = StaticMembership.instanceId(configuration(Map.of(StaticMembership.STATE_DIR, "/tmp/a")), "other");

        assertThat(one).isNotEqualTo(two).isNotEqualTo(elsewhere);
    }

    @Test
    void aConfiguredIdWinsAndEveryStreamGetsIt() {
        StandardEnvironment environment = configuration(Map.of(StaticMembership.STATE_DIR, "/tmp/a",
                StaticMembership.INSTANCE_ID, " zone-a-1 "));

        new StaticMembership().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(StaticMembership.GROUP_INSTANCE_ID)).isEqualTo("zone-a-1");
    }

    @Test
    void anOperatorsOwnGroupInstanceIdSettingIsLeftAlone() {
        StandardEnvironment environment = configuration(Map.of(StaticMembership.STATE_DIR, "/tmp/a",
                StaticMembership.GROUP_INSTANCE_ID, "set-by-hand"));

        new StaticMembership().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(StaticMembership.GROUP_INSTANCE_ID)).isEqualTo("set-by-hand");
    }

    private static StandardEnvironment configuration(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        return environment;
    }
}
