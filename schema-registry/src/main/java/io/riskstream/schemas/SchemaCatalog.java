package io.riskstream.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * Every governed subject, read from {@code registry/subjects.properties} and {@code registry/history/}
 * on the classpath. The newest version of each subject is the schema its generated class was built from.
 */
public final class SchemaCatalog {

    static final String SUBJECTS = "registry/subjects.properties";
    static final String HISTORY = "registry/history/";
    private static final String EVENTS_PACKAGE = "io.riskstream.events.";
    private static final int MAX_HISTORY = 1000;

    private final Map<String, Subject> subjects;

    private SchemaCatalog(Map<String, Subject> subjects) {
        this.subjects = subjects;
    }

    /** The catalog as this build declares it. */
    public static SchemaCatalog load() {
        ClassLoader loader = SchemaCatalog.class.getClassLoader();
        Properties declared = new Properties();
        try (InputStream in = loader.getResourceAsStream(SUBJECTS)) {
            if (in == null) {
                throw new IllegalStateException(SUBJECTS + " is missing from the classpath");
            }
            declared.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Subject> subjects = new LinkedHashMap<>();
        declared.stringPropertyNames().stream().sorted().forEach(name -> {
            String[] parts = declared.getProperty(name).trim().split("\\s+");
            if (parts.length != 2 || !name.endsWith("-value")) {
                throw new IllegalStateException(SUBJECTS + ": '" + name + "' must read '<topic>-value = <record> <compatibility>'");
            }
            Class<?> recordClass = recordClass(parts[0], loader);
            List<Schema> versions = new ArrayList<>(history(name, loader));
            versions.add(SpecificData.get().getSchema(recordClass));
            subjects.put(name, new Subject(name, recordClass, Compatibility.valueOf(parts[1]), versions));
        });
        return new SchemaCatalog(Map.copyOf(subjects));
    }

    public List<Subject> subjects() {
        return subjects.values().stream().sorted(java.util.Comparator.comparing(Subject::name)).toList();
    }

    public Optional<Subject> subject(String name) {
        return Optional.ofNullable(subjects.get(name));
    }

    /** The subject governing the values of {@code topic}. */
    public Subject forTopic(String topic) {
        return subject(topic + "-value")
                .orElseThrow(() -> new IllegalArgumentException("no governed subject for topic " + topic));
    }

    private static Class<?> recordClass(String simpleName, ClassLoader loader) {
        try {
            return Class.forName(EVENTS_PACKAGE + simpleName, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(SUBJECTS + ": no generated class " + EVENTS_PACKAGE + simpleName, e);
        }
    }

    /** Earlier versions, v1.avsc, v2.avsc, ... until the first that is missing. */
    private static List<Schema> history(String subject, ClassLoader loader) {
        List<Schema> versions = new ArrayList<>();
        for (int v = 1; v <= MAX_HISTORY; v++) {
            try (InputStream in = loader.getResourceAsStream(HISTORY + subject + "/v" + v + ".avsc")) {
                if (in == null) {
                    break;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return versions;
    }
}
