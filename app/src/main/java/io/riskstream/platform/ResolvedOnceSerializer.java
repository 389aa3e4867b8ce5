package io.riskstream.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apicurio's serializer for the first record of each schema on each topic, then, for the records after it, the
 * same headers and the same bytes without asking it again. Apicurio finds the schema's id by its content on every
 * record: it prints the whole schema as JSON, hashes the text and looks it up, which was a third of the scoring
 * thread's time. The id of a schema's content never changes, so it is asked again only every {@link #REFRESH_NANOS}
 * (its own cache's period), when the registry's answer could matter again.
 *
 * <p>It writes exactly what Apicurio writes: the first record's bytes are compared with this class's own encoding,
 * and a schema whose bytes differ (another encoding, the id framed in the value instead of the headers) stays with
 * Apicurio for every record. A record without headers goes to Apicurio too.
 *
 * @param <T> the values written
 */
final class ResolvedOnceSerializer<T extends SpecificRecord> implements Serializer<T> {

    static final long REFRESH_NANOS = 30_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(ResolvedOnceSerializer.class);

    private final Serializer<T> registry;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<Target, Resolved<T>> resolved = new ConcurrentHashMap<>();

    ResolvedOnceSerializer(Serializer<T> registry) {
        this(registry, System::nanoTime);
    }

    ResolvedOnceSerializer(Serializer<T> registry, LongSupplier nanoTime) {
        this.registry = registry;
        this.nanoTime = nanoTime;
    }

    /** Where a schema is written: Apicurio's artifact, and so the id, is per topic. */
    private record Target(String topic, Schema schema) {
    }

    /** What Apicurio added to a record's headers for a schema, and whether its bytes are this class's. */
    private record Resolved<T>(List<Header> headers, SpecificDatumWriter<T> writer, boolean sameBytes, long atNanos) {
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        registry.configure(configs, isKey);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return registry.serialize(topic, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T data) {
        if (data == null || headers == null) {
            return registry.serialize(topic, headers, data);
        }
        Target target = new Target(topic, data.getSchema());
        Resolved<T> known = resolved.get(target);
        if (known == null || nanoTime.getAsLong() - known.atNanos() >= REFRESH_NANOS) {
            return resolve(target, headers, data);
        }
        if (!known.sameBytes()) {
            return registry.serialize(topic, headers, data);
        }
        known.headers().forEach(header -> headers.add(header.key(), header.value()));
        return encode(known.writer(), data);
    }

    private byte[] resolve(Target target, Headers headers, T data) {
        Captured added = new Captured();
        byte[] bytes = registry.serialize(target.topic(), added, data);
        SpecificDatumWriter<T> writer = new SpecificDatumWriter<>(target.schema());
        boolean same = Arrays.equals(bytes, encode(writer, data));
        if (!same && !resolved.containsKey(target)) {
            LOG.warn("{} on {}: the registry serializer writes other bytes than plain Avro binary; every record of it "
                    + "goes through the registry serializer", target.schema().getFullName(), target.topic());
        }
        List<Header> copies = List.copyOf(added.headers);
        resolved.put(target, new Resolved<>(copies, writer, same, nanoTime.getAsLong()));
        copies.forEach(header -> headers.add(header.key(), header.value()));
        return bytes;
    }

    private static <T> byte[] encode(SpecificDatumWriter<T> writer, T data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(data, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        registry.close();
    }

    /** The headers the registry serializer adds to an empty record (Kafka's own classes are internal). */
    private static final class Captured implements Headers {

        private final List<Header> headers = new ArrayList<>();

        private record Added(String key, byte[] value) implements Header {
        }

        @Override
        public Headers add(Header header) {
            return add(header.key(), header.value());
        }

        @Override
        public Headers add(String key, byte[] value) {
            headers.add(new Added(key, value == null ? null : value.clone()));
            return this;
        }

        @Override
        public Headers remove(String key) {
            headers.removeIf(header -> header.key().equals(key));
            return this;
        }

        @Override
        public Header lastHeader(String key) {
            Header last = null;
            for (Header header : headers) {
                last = header.key().equals(key) ? header : last;
            }
            return last;
        }

        @Override
        public Iterable<Header> headers(String key) {
            return headers.stream().filter(header -> header.key().equals(key)).toList();
        }

        @Override
        public Header[] toArray() {
            return headers.toArray(new Header[0]);
        }

        @Override
        public Iterator<Header> iterator() {
            return headers.iterator();
        }
    }
}
