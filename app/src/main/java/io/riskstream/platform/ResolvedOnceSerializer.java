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
 * which must be their end (what comes before, the framing with the schema's id, is kept and written again), and a
 * schema whose bytes differ otherwise (another encoding) stays with Apicurio for every record. A record without
 * headers goes to Apicurio too.
 *
 * <p>A record of a stream keeps the headers of the input it came from, the input schema's id among them when its
 * producer put it there. Those are removed first: a reader that looks for an id in the headers before the value
 * (as Apicurio's does) would decode the output with the input's schema.
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

    /**
     * What Apicurio added to a record's headers for a schema, and what it wrote before this class's own encoding
     * (its framing of the id); null when its bytes are not this class's encoding after some prefix.
     */
    private record Resolved<T>(List<Header> headers, SpecificDatumWriter<T> writer, byte[] prefix, long atNanos) {
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
        removeValueIds(headers);
        Target target = new Target(topic, data.getSchema());
        Resolved<T> known = resolved.get(target);
        if (known == null || nanoTime.getAsLong() - known.atNanos() >= REFRESH_NANOS) {
            return resolve(target, headers, data);
        }
        if (known.prefix() == null) {
            return registry.serialize(topic, headers, data);
        }
        known.headers().forEach(header -> headers.add(header.key(), header.value()));
        return encode(known.prefix(), known.writer(), data);
    }

    /** Removes the headers that name a value's schema: they were the input's. */
    private static void removeValueIds(Headers headers) {
        List<String> keys = new ArrayList<>();
        for (Header header : headers) {
            if (header.key().startsWith(AvroSerdes.VALUE_ID_HEADERS)) {
                keys.add(header.key());
            }
        }
        keys.forEach(headers::remove);
    }

    private byte[] resolve(Target target, Headers headers, T data) {
        Captured added = new Captured();
        byte[] bytes = registry.serialize(target.topic(), added, data);
        SpecificDatumWriter<T> writer = new SpecificDatumWriter<>(target.schema());
        byte[] prefix = prefixOf(bytes, encode(new byte[0], writer, data));
        if (prefix == null && !resolved.containsKey(target)) {
            LOG.warn("{} on {}: the registry serializer writes other bytes than plain Avro binary after its framing; "
                    + "every record of it goes through the registry serializer", target.schema().getFullName(),
                    target.topic());
        }
        List<Header> copies = List.copyOf(added.headers);
        resolved.put(target, new Resolved<>(copies, writer, prefix, nanoTime.getAsLong()));
        copies.forEach(header -> headers.add(header.key(), header.value()));
        return bytes;
    }

    /** What {@code written} has before {@code body}, if it ends with it; else null. */
    private static byte[] prefixOf(byte[] written, byte[] body) {
        int start = written.length - body.length;
        if (start < 0 || !Arrays.equals(written, start, written.length, body, 0, body.length)) {
            return null;
        }
        return Arrays.copyOf(written, start);
    }

    private static <T> byte[] encode(byte[] prefix, SpecificDatumWriter<T> writer, T data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(prefix);
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
