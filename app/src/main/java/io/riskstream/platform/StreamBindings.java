package io.riskstream.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertyResolver;

/**
 * Binds every stream of {@link Streams} as the catalog says: destinations, application ids, dead-letter topics and
 * the event-time extractor become the binder's properties, added as defaults below every configuration file, so no
 * file names a topic a second time. A file or an operator may still set one of them; a value that disagrees with
 * the catalog fails the start, because topic names are the contract other systems rely on, and a stream bound to
 * another topic than the one {@code TopicsConfig} creates would read nothing or write where nobody looks.
 */
public final class StreamBindings implements EnvironmentPostProcessor {

    static final String SOURCE = "riskstream-stream-bindings";
    static final String FUNCTIONS = "spring.cloud.function.definition";
    static final String EXTRACTOR_BEAN = "eventTimeExtractor";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, properties()));
        List<String> disagreements = disagreements(environment);
        if (!disagreements.isEmpty()) {
            throw new IllegalStateException("The configuration binds streams to other topics than the topic catalog "
                    + "(io.riskstream.platform.Streams), whose names are the contract: remove these settings: "
                    + String.join("; ", disagreements));
        }
    }

    /** The binder's properties for every stream of the catalog; every stream runs unless a file chooses. */
    static Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(FUNCTIONS, Streams.ALL.stream().map(Stream::function).collect(Collectors.joining(";")));
        expected(properties::put);
        return properties;
    }

    /** Each setting the catalog decides, with the value it decides, in {@code to}. */
    private static void expected(BiConsumer<String, Object> to) {
        for (Stream stream : Streams.ALL) {
            to.accept(destination(stream.inputBinding()), stream.input().name());
            to.accept(destination(stream.outputBinding()), stream.output().name());
            String function = "spring.cloud.stream.kafka.streams.binder.functions." + stream.function();
            to.accept(function + ".application-id", stream.applicationId());
            to.accept(function + ".configuration." + LastResortDeadLetters.DEAD_LETTER_TOPIC_CONFIG, stream.deadLetters());
            to.accept("spring.cloud.stream.kafka.streams.bindings." + stream.inputBinding()
                    + ".consumer.timestamp-extractor-bean-name", EXTRACTOR_BEAN);
        }
    }

    /** Every setting in {@code configuration} that binds a stream otherwise than the catalog, with both values. */
    public static List<String> disagreements(PropertyResolver configuration) {
        List<String> disagreements = new ArrayList<>();
        expected((key, value) -> {
            String configured = configuration.getProperty(key);
            if (configured != null && !Objects.equals(configured, value)) {
                disagreements.add(key + " is '" + configured + "' but the catalog says '" + value + "'");
            }
        });
        return disagreements;
    }

    private static String destination(String binding) {
        return "spring.cloud.stream.bindings." + binding + ".destination";
    }
}
