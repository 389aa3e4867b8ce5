package io.riskstream.platform;

import java.util.List;

/**
 * One stream of the app, described once: the function bean that builds it, its Kafka Streams application id, the
 * topic it reads, the topic it is bound to write, and the topics it writes by name from inside its topology.
 * {@link StreamBindings} turns these into the binder's properties, so no configuration file repeats a topic name.
 *
 * @param function      the {@code Function<KStream, KStream>} bean, bound as {@code <function>-in-0}/{@code -out-0}
 * @param applicationId its own consumer group, state directory and transactional ids
 * @param sideOutputs   written with {@code to(topic)} inside the topology, not through the binder
 * @param deadLetters   where the path of last resort sends a record this stream cannot process
 */
public record Stream(String function, String applicationId, Topic<?> input, Topic<?> output,
                     List<Topic<?>> sideOutputs, String deadLetters) {

    public Stream {
        sideOutputs = List.copyOf(sideOutputs);
    }

    Stream(String function, String applicationId, Topic<?> input, Topic<?> output, List<Topic<?>> sideOutputs) {
        this(function, applicationId, input, output, sideOutputs, input.deadLetterTopic());
    }

    public String inputBinding() {
        return function + "-in-0";
    }

    public String outputBinding() {
        return function + "-out-0";
    }
}
