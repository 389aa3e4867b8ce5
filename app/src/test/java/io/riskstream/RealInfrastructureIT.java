package io.riskstream;

import java.nio.file.Files;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.riskstream.platform.TestRegistry;
import io.riskstream.platform.TestSigning;
import io.riskstream.platform.TestUsers;

/**
 * The app against real parts: an embedded KRaft broker and the shared real Apicurio Registry. Every
 * subclass has the same configuration, so they share one running app instead of starting one each.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
        "offsets.topic.replication.factor=1"})
abstract class RealInfrastructureIT {

    @Autowired
    EmbeddedKafkaBroker broker;

    @DynamicPropertySource
    static void realInfrastructure(DynamicPropertyRegistry registry) throws Exception {
        registry.add("riskstream.kafka.bootstrap-servers", () -> System.getProperty("spring.embedded.kafka.brokers"));
        registry.add("riskstream.registry.url", TestRegistry::url);
        registry.add("riskstream.rules.directory", () -> "../rules");
        registry.add("riskstream.topics.partitions", () -> "2");
        String stateDir = Files.createTempDirectory("riskstream-it").toString();
        registry.add("riskstream.streams.state-dir", () -> stateDir);
        TestSigning.properties().forEach((name, value) -> registry.add(name, () -> value));
        TestUsers.properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    String bootstrap() {
        return broker.getBrokersAsString();
    }
}
