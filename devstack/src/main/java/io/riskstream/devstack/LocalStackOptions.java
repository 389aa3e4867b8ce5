package io.riskstream.devstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@link LocalStack}: {@code [--app-jar <path>] [--no-app] [app arguments...]}; every
 * argument it does not know goes to the app.
 */
record LocalStackOptions(Path appJar, boolean startApp, List<String> appArgs) {

    static final Path DEFAULT_APP_JAR = Path.of("app", "target", "riskstream.jar");
    private static final String APP_JAR = "--app-jar";
    private static final String NO_APP = "--no-app";

    LocalStackOptions {
        appArgs = List.copyOf(appArgs);
    }

    static LocalStackOptions parse(String... args) {
        Path appJar = DEFAULT_APP_JAR;
        boolean startApp = true;
        List<String> appArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals(NO_APP)) {
                startApp = false;
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
        return new LocalStackOptions(appJar, startApp, appArgs);
    }
}
