package io.riskstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;

import org.junit.jupiter.api.Test;

/**
 * What the packaged jar carries, read after {@code package}: production runs it, so the demo traffic of the
 * local run (module {@code demo/}) must not be in it, neither as the app's own classes nor in a nested library.
 */
class RunnableJarIT {

    private static final Path JAR = Path.of("target", "riskstream.jar");
    private static final String DEMO_PACKAGE = "io/riskstream/demo/";
    private static final String NESTED_LIBRARIES = "BOOT-INF/lib/";

    @Test
    void carriesNoDemoTraffic() throws IOException {
        assertThat(JAR).as("the runnable jar, made by package").isRegularFile();

        List<String> demo = new ArrayList<>();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (JarEntry entry : jar.stream().toList()) {
                if (entry.getName().contains(DEMO_PACKAGE) && !entry.isDirectory()) {
                    demo.add(entry.getName());
                } else if (entry.getName().startsWith(NESTED_LIBRARIES) && entry.getName().endsWith(".jar")) {
                    try (InputStream nested = jar.getInputStream(entry)) {
                        demo.addAll(demoEntries(entry.getName(), nested));
                    }
                }
            }
        }

        assertThat(demo).as("demo classes in " + JAR.toAbsolutePath()).isEmpty();
    }

    /** {@code library!entry} for each entry of the demo package in a nested library. */
    private static List<String> demoEntries(String library, InputStream in) throws IOException {
        List<String> found = new ArrayList<>();
        try (JarInputStream nested = new JarInputStream(in)) {
            for (JarEntry entry = nested.getNextJarEntry(); entry != null; entry = nested.getNextJarEntry()) {
                if (entry.getName().startsWith(DEMO_PACKAGE) && !entry.isDirectory()) {
                    found.add(library + "!" + entry.getName());
                }
            }
        }
        return found;
    }
}
