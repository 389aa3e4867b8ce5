package io.riskstream.schemas;

import java.util.List;

import org.apache.avro.Schema;

/**
 * One governed registry subject ({@code <topic>-value}): its compatibility rule and every version of its
 * schema, oldest first; the last is the schema of the generated class.
 */
public record Subject(String name, Class<?> recordClass, Compatibility compatibility, List<Schema> versions) {

    public Subject {
        versions = List.copyOf(versions);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("subject " + name + " has no schema version");
        }
    }

    /** The topic whose values this subject governs. */
    public String topic() {
        return name.substring(0, name.length() - "-value".length());
    }

    public Schema newest() {
        return versions.get(versions.size() - 1);
    }

    /** The problems of the newest version against the ones before it under this subject's rule. */
    public List<String> problemsOfNewest() {
        return compatibility.problems(versions.subList(0, versions.size() - 1), newest());
    }

    /** The problems {@code candidate} would have as the next version of this subject. */
    public List<String> problemsOf(Schema candidate) {
        return compatibility.problems(versions, candidate);
    }
}
