package io.riskstream.platform;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;

/**
 * Apicurio's datum provider, but one reader per writer schema, kept. Apicurio asks for a
 * new {@link DatumReader} for every record it reads, and a new reader resolves the writer schema against the
 * reader schema again ({@code Resolver.resolve}, about a tenth of the scoring thread's time before). A kept reader
 * resolves once. Avro's readers may be shared between threads. Writers are Apicurio's as before: the app's records
 * are written by {@link ResolvedOnceSerializer}, which asks Apicurio only once per schema and topic.
 *
 * <p>Schemas are keyed by equality: a {@link Schema} caches its hash, and the registry's cache hands out the same
 * instance for the same id, so a lookup is an identity check. The map is bounded by the schemas the registry has
 * for the topics an instance reads: a few dozen.
 *
 * @param <T> the values read and written
 */
public final class ReusedAvroDatums<T> extends DefaultAvroDatumProvider<T> {

    private static final int MAX_SCHEMAS = 1_000;

    private final ConcurrentMap<Schema, DatumReader<T>> readers = new ConcurrentHashMap<>();

    @Override
    public DatumReader<T> createDatumReader(Schema schema) {
        DatumReader<T> reader = readers.get(schema);
        if (reader != null) {
            return reader;
        }
        // Only a registry that hands out a new schema per record could fill it: then keep nothing rather than grow.
        if (readers.size() >= MAX_SCHEMAS) {
            readers.clear();
        }
        return readers.computeIfAbsent(schema, any -> super.createDatumReader(schema));
    }
}
