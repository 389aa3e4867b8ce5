package io.riskstream.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.riskstream.devstack.ApicurioRegistryServer;
import io.riskstream.operator.OperatorCommands;
import io.riskstream.schemas.SchemaCatalog;
import io.riskstream.schemas.Subject;

/**
 * The production start check against a real registry of its own: empty first, then with the catalog
 * applied the way operators apply it. Not the shared {@link TestRegistry}, which always has the catalog.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RequiredSubjectsIT {

    private static final List<Subject> CATALOG = SchemaCatalog.load().subjects();
    private static ApicurioRegistryServer registry;

    @EnableConfigurationProperties(RiskstreamProperties.class)
    static class Properties {
    }

    @BeforeAll
    static void startEmptyRegistry() {
        registry = ApicurioRegistryServer.start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    @Order(1)
    void emptyRegistryFailsTheCheckNamingEverySubjectAndTheCommandThatRegistersThem() {
        assertThatThrownBy(() -> new RequiredSubjects(registry.url()).check(CATALOG))
                .hasMessageContaining("transactions-value (no such artifact)")
                .hasMessageContaining("fraud-decisions-value (no such artifact)")
                .hasMessageContaining("java -jar riskstream.jar schemas apply --riskstream.registry.url=" + registry.url());
        assertThat(new RequiredSubjects(registry.url()).missing(CATALOG)).hasSameSizeAs(CATALOG);
    }

    @Test
    @Order(1)
    void productionProfileRefusesToStartWithoutItsSubjects() {
        production().run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("lacks schemas this app reads or writes")
                    .hasMessageContaining("transactions-value");
        });
    }

    @Test
    @Order(2)
    void checkPassesOnceTheCatalogIsAppliedByTheCommandTheFailureNames() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = OperatorCommands.run(new String[] {"schemas", "apply", "--riskstream.registry.url=" + registry.url()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("transactions-value: ", "COMPATIBILITY FULL_TRANSITIVE");
        assertThatCode(() -> new RequiredSubjects(registry.url()).check(CATALOG)).doesNotThrowAnyException();
    }

    @Test
    @Order(3)
    void productionProfileStartsWithoutAutoRegisterOnceTheCatalogIsApplied() {
        production().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(AvroSerdes.class);
            RiskstreamProperties properties = context.getBean(RiskstreamProperties.class);
            assertThat(properties.registry().autoRegister()).isFalse();
            assertThat(properties.topics().replicationFactor()).isEqualTo((short) 3);
            assertThat(properties.streams().standbyReplicas()).isEqualTo(1);
        });
    }

    @Test
    @Order(3)
    void subjectWithoutTheAppsVersionIsNamed() {
        Subject transactions = SchemaCatalog.load().forTopic("transactions");
        Subject unknownVersion = new Subject(transactions.name(), transactions.recordClass(),
                transactions.compatibility(), List.of(SchemaBuilder.record("Transaction")
                        .namespace("io.riskstream.events").fields().requiredString("transactionId").endRecord()));

        assertThat(new RequiredSubjects(registry.url()).missing(List.of(unknownVersion)))
                .containsExactly("transactions-value (no version with the app's schema)");
    }

    @Test
    void unreachableRegistryFailsTheCheck() {
        assertThatThrownBy(() -> new RequiredSubjects("http://127.0.0.1:1/apis/registry/v2").check(CATALOG))
                .hasMessageContaining("unreachable");
    }

    private static ApplicationContextRunner production() {
        return new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withUserConfiguration(Properties.class, PlatformConfig.class)
                // The platform's beans count what they do; the app's registry is Spring Boot's.
                .withBean(io.micrometer.core.instrument.MeterRegistry.class,
                        io.micrometer.core.instrument.simple.SimpleMeterRegistry::new)
                .withPropertyValues("spring.profiles.active=production", "riskstream.registry.url=" + registry.url());
    }
}
