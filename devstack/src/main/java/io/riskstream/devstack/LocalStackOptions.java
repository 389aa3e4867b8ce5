package io.riskstream.devstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.riskstream.demo.DemoSettings;

/**
 * The command line of {@link LocalStack}:
 * {@code [--app-jar <path>] [--no-app] [--no-demo | --demo] [--demo-<setting>=<value>...] [app arguments...]}.
 * Demo traffic goes with the app unless {@code --no-demo}; without the app only with {@code --demo}.
 * {@code --demo-<setting>=<value>} is a {@link DemoSettings} setting, e.g. {@code --demo-transactions-per-second=50}.
 * Every argument it does not know goes to the app.
 */
record LocalStackOptions(Path appJar, boolean startApp, boolean sendDemo, DemoSettings demo, List<String> appArgs) {

    static final Path DEFAULT_APP_JAR = Path.of("app", "target", "riskstream.jar");
    private static final String APP_JAR = "--app-jar";
    private static final String NO_APP = "--no-app";
    private static final String DEMO = "--demo";
    private static final String NO_DEMO = "--no-demo";
    private static final String DEMO_SETTING = "--demo-";

    LocalStackOptions {
        appArgs = List.copyOf(appArgs);
    }

    static LocalStackOptions parse(String... args) {
        Path appJar = DEFAULT_APP_JAR;
        boolean startApp = true;
        Boolean sendDemo = null;
        List<String> demoArgs = new ArrayList<>();
        List<String> appArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals(NO_APP)) {
                startApp = false;
            } else if (arg.equals(DEMO) || arg.equals(NO_DEMO)) {
                sendDemo = arg.equals(DEMO);
            } else if (arg.startsWith(DEMO_SETTING)) {
                demoArgs.add(arg);
            } else if (arg.startsWith(APP_JAR + "=")) {
                appJar = Path.of(arg.substring(APP_JAR.length() + 1));
            } else if (arg.equals(APP_JAR)) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(APP_JAR + " needs a path");
                }
                appJar = Path.of(args[++i]);
            } else {
                appArgs.add(arg);
            }
        }
        // Without the app nothing creates the input topics (the broker does not on a first write): an app run
        // from an IDE asks for traffic with --demo.
        boolean demo = sendDemo != null ? sendDemo : startApp;
        return new LocalStackOptions(appJar, startApp, demo, DemoSettings.parse(DEMO_SETTING, demoArgs), appArgs);
    }
}
