package io.riskstream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.riskstream.platform.Topics;

/**
 * The rooms of docs/architecture.md and what may import what, checked on the compiled main classes: a wrong import
 * fails the build here, with the rule it breaks, instead of being found by the next reader.
 */
class ArchitectureTest {

    /** Capabilities: each owns a stream (or the dashboard) and none may lean on another. */
    static final List<String> FEATURES = List.of("fraud", "logins", "toppages", "sessions", "dashboard");

    static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.riskstream");
    }

    @Test
    void capabilitiesDoNotImportEachOther() {
        for (String feature : FEATURES) {
            noClasses().that().resideInAPackage(pkg(feature))
                    .should().dependOnClassesThat().resideInAnyPackage(packages(FEATURES.stream()
                            .filter(other -> !other.equals(feature))))
                    .because("a capability that leans on another changes when the other is turned off or changed")
                    .check(main);
        }
    }

    @Test
    void thePlatformImportsNoCapabilityAndNoRules() {
        noClasses().that().resideInAPackage(pkg("platform"))
                .should().dependOnClassesThat().resideInAnyPackage(packages(Stream.concat(FEATURES.stream(),
                        Stream.of("rules", "siteevents", "windows"))))
                .because("every capability builds on the platform, so it cannot know them").check(main);
    }

    @Test
    void theZoneKeeperNeedsNothingOfTheApp() {
        noClasses().that().resideInAPackage(pkg("zones"))
                .should().dependOnClassesThat().resideInAnyPackage(packages(Stream.concat(FEATURES.stream(),
                        Stream.of("platform", "rules", "siteevents", "windows", "operator"))))
                .because("it runs beside the cluster, not the streams: a change of the app must not change it")
                .check(main);
    }

    @Test
    void siteEventsAndWindowsBuildOnThePlatformAlone() {
        for (String shared : List.of("siteevents", "windows")) {
            noClasses().that().resideInAPackage(pkg(shared))
                    .should().dependOnClassesThat().resideInAnyPackage(packages(Stream.concat(FEATURES.stream(),
                            Stream.of("rules", "siteevents", "windows").filter(other -> !other.equals(shared)))))
                    .because("top pages, sessions and logins share them; they share nothing back").check(main);
        }
    }

    @Test
    void theRulesEngineKnowsNoKafkaNoWebAndNoWayItIsDistributed() {
        noClasses().that().resideInAPackage(pkg("rules.engine"))
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.web..",
                        "jakarta.servlet..", pkg("rules.lifecycle"), pkg("rules.admin"))
                .because("the engine compiles and evaluates rulesets; how they travel is the lifecycle's business")
                .check(main);
        noClasses().that().resideInAPackage(pkg("rules.lifecycle"))
                .should().dependOnClassesThat().resideInAPackage(pkg("rules.admin"))
                .because("administration drives the lifecycle, never the other way").check(main);
        noClasses().that().resideInAPackage(pkg("rules"))
                .should().dependOnClassesThat().resideInAnyPackage(packages(FEATURES.stream()))
                .because("rulesets register their fact models with the engine; the engine names none of them")
                .check(main);
    }

    @Test
    void noMainCodeUsesKafkaInternals() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.kafka..internals..")
                .because("internal classes may change in any Kafka release").check(main);
    }

    @Test
    void eachInputTopicHasOneOwner() {
        record Owner(String field, String owner) {
        }
        for (Owner input : List.of(new Owner("TRANSACTIONS", "fraud"), new Owner("LOGINS", "logins"),
                new Owner("SITE_EVENTS", "siteevents"))) {
            noClasses().that().resideOutsideOfPackages(pkg(input.owner()), pkg("platform"))
                    .should().accessField(Topics.class, input.field())
                    .because("one package decodes, checks and dead-letters an input; the others take its records")
                    .check(main);
        }
    }

    @Test
    void theDemoIsNotPartOfTheApp() {
        noClasses().should().resideInAPackage(pkg("demo")).allowEmptyShould(true)
                .because("demo traffic lives in its own module, on the local run's classpath only").check(main);
    }

    private static String pkg(String name) {
        return "io.riskstream." + name + "..";
    }

    private static String[] packages(Stream<String> names) {
        return names.map(ArchitectureTest::pkg).toArray(String[]::new);
    }
}
