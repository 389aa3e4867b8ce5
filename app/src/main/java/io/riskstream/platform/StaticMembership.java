package io.riskstream.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertyResolver;

/**
 * Makes every stream a static member of its consumer group ({@code group.instance.id}), so that a restarted
 * instance gets its partitions back at once instead of waiting for the group to notice that its old member is
 * gone. Without it, a member that left without a word (kill -9, a lost host) keeps its partitions until its
 * session times out, and then everything rebalances twice, once for the leaving and once for the coming back; a
 * static member that returns within the session timeout takes its old assignment with no rebalance at all.
 *
 * <p>The id must be the same across restarts of one instance and differ between instances. By default it is the
 * host's name and a digest of the state directory: the state directory is what makes an instance itself (its
 * stores are there), and two instances can never share one. {@code riskstream.streams.instance-id} overrides it,
 * for hosts whose names are not unique. Kafka Streams appends each stream thread's index to it, and each stream is
 * its own group (application id), so one id serves every stream of the instance.
 */
public final class StaticMembership implements EnvironmentPostProcessor {

    static final String SOURCE = "riskstream-static-membership";
    static final String INSTANCE_ID = "riskstream.streams.instance-id";
    static final String STATE_DIR = "riskstream.streams.state-dir";
    static final String GROUP_INSTANCE_ID = "spring.cloud.stream.kafka.streams.binder.configuration.group.instance.id";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE,
                Map.of(GROUP_INSTANCE_ID, instanceId(environment, hostName()))));
    }

    /** The configured id, or the host's name and a digest of the state directory. */
    static String instanceId(PropertyResolver configuration, String hostName) {
        String configured = configuration.getProperty(INSTANCE_ID);
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        String stateDir = configuration.getProperty(STATE_DIR);
        if (stateDir == null) {
            throw new IllegalStateException(STATE_DIR + " is not set: it names this instance's state");
        }
        String normalized = Path.of(stateDir).toAbsolutePath().normalize().toString();
        return hostName + "-" + HexFormat.of().formatHex(sha256(normalized), 0, 4);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String fromEnvironment = System.getenv("HOSTNAME");
            return fromEnvironment != null ? fromEnvironment : "riskstream";
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
