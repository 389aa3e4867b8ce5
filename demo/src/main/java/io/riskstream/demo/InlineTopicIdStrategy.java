package io.riskstream.demo;

import io.apicurio.registry.serde.strategy.TopicIdStrategy;

/**
 * Apicurio's {@code <topic>-value} naming, handing the record's whole schema to the resolver, as the app's
 * serdes do: the plain {@link TopicIdStrategy} does not, and a serializer that only looks schemas up then finds
 * no version. Public because the serializer makes it from its class name.
 */
public final class InlineTopicIdStrategy<T> extends TopicIdStrategy<T> {

    @Override
    public boolean loadSchema() {
        return true;
    }
}
