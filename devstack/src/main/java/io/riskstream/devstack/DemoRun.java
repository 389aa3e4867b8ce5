package io.riskstream.devstack;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.riskstream.demo.DemoSettings;
import io.riskstream.demo.DemoTraffic;

/**
 * Demo traffic against any Kafka and registry, not only the local run's: connected by the app's own settings
 * ({@link ToolSettings}: {@code spring.kafka.*}, {@code riskstream.kafka.bootstrap-servers},
 * {@code riskstream.registry.url} and {@code .client.*}, secrets from the environment), at the rates of
 * {@code --demo-*} ({@link DemoSettings}). The registry must hold the schema catalog (RegistryRules) and the broker
 * must let the demo's principal write the input topics. Runs until stopped (SIGTERM, Ctrl-C).
 */
public final class DemoRun {

    private static final String DEMO = "--demo-";

    private DemoRun() {
    }

    /** The traffic these arguments and this environment describe, started. */
    static DemoTraffic start(String[] args, Map<String, Object> environment) {
        ToolSettings settings = ToolSettings.from(args, environment);
        List<String> demoArgs = Arrays.stream(args).filter(arg -> arg.startsWith(DEMO)).toList();
        String registryUrl = settings.registryUrl().orElseThrow(() -> new IllegalArgumentException(
                "the registry is missing: --riskstream.registry.url=<its v2 API, e.g. "
                        + "https://registry.example/apis/registry/v2>"));
        return DemoTraffic.start(settings.kafkaProducer(), registryUrl, settings.registryClient(),
                DemoSettings.parse(DEMO, demoArgs));
    }

    public static void main(String[] args) throws InterruptedException {
        DemoTraffic traffic;
        try {
            traffic = start(args, Map.copyOf(System.getenv()));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            traffic.close();
            stopped.countDown();
        }, "demo-stop"));
        stopped.await();
    }
}
