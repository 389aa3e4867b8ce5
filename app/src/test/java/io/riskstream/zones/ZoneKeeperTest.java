package io.riskstream.zones;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;

import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;

class ZoneKeeperTest {

    @Test
    void aBrokerCountsAsReachableOnlyWhileSomethingListensOnItsPort() throws Exception {
        int port;
        try (ServerSocket listening = new ServerSocket(0)) {
            port = listening.getLocalPort();
            assertThat(ZoneKeeper.acceptsConnections(new Node(1, "127.0.0.1", port, "a"))).isTrue();
        }
        assertThat(ZoneKeeper.acceptsConnections(new Node(1, "127.0.0.1", port, "a"))).isFalse();
    }
}
