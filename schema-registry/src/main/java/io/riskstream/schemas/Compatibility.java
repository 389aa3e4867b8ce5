package io.riskstream.schemas;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The compatibility levels of Apicurio Registry, checked with Avro's own schema resolution rules so that
 * the build rejects what the registry would reject.
 *
 * <p>Backward: a reader on the new schema reads data written with the old. Forward: a reader on the old
 * schema reads data written with the new. Transitive levels compare against every earlier version, the
 * others against the newest only.
 */
public enum Compatibility {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    Compatibility(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /**
     * The problems that stop {@code candidate} from following {@code history} (oldest first) under this
     * level; empty when it is compatible.
     */
    public List<String> problems(List<Schema> history, Schema candidate) {
        List<String> problems = new ArrayList<>();
        int from = transitive ? 0 : Math.max(0, history.size() - 1);
        for (int i = from; i < history.size(); i++) {
            Schema earlier = history.get(i);
            String label = "v" + (i + 1);
            if (backward) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, earlier),
                        "the new schema cannot read data written with " + label, problems);
            }
            if (forward) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(earlier, candidate),
                        "a reader on " + label + " cannot read data written with the new schema", problems);
            }
        }
        return problems;
    }

    private static void describe(SchemaPairCompatibility result, String what, List<String> problems) {
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        result.getResult().getIncompatibilities().forEach(incompatibility -> problems.add(
                what + ": " + incompatibility.getType() + " at field '"
                        + fieldPath(result.getReader(), incompatibility.getLocation()) + "' ("
                        + incompatibility.getMessage() + ")"));
    }

    /** Turns Avro's location ({@code /fields/3/type}) into field names ({@code amountMinor}). */
    static String fieldPath(Schema reader, String location) {
        List<String> names = new ArrayList<>();
        String[] segments = location.split("/");
        Schema current = reader;
        for (int i = 0; i < segments.length - 1; i++) {
            if (segments[i].equals("fields") && current != null && current.getType() == Schema.Type.RECORD) {
                Schema.Field field = current.getFields().get(Integer.parseInt(segments[i + 1]));
                names.add(field.name());
                current = field.schema();
            }
        }
        return names.isEmpty() ? location : String.join(".", names);
    }
}
