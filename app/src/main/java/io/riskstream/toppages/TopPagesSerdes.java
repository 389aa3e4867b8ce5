package io.riskstream.toppages;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The internal forms of the top-pages stream, for its repartition topic and its ranking store: a format byte,
 * then the fields. Internal topics carry no registry schema, so they need no registry artifact.
 */
final class TopPagesSerdes {

    static final byte FORMAT = 1;

    private TopPagesSerdes() {
    }

    static Serde<WindowCount> windowCount() {
        return Serdes.serdeFrom(
                (topic, count) -> count == null ? null : write(out -> {
                    out.writeLong(count.windowStart());
                    out.writeLong(count.windowEnd());
                    out.writeUTF(count.page());
                    out.writeLong(count.views());
                }),
                (topic, bytes) -> bytes == null ? null : read(bytes,
                        in -> new WindowCount(in.readLong(), in.readLong(), in.readUTF(), in.readLong())));
    }

    static Serde<PageRanking> ranking() {
        return Serdes.serdeFrom(
                (topic, ranking) -> ranking == null ? null : write(out -> {
                    out.writeLong(ranking.windowStart());
                    out.writeLong(ranking.windowEnd());
                    out.writeLong(ranking.firstSeenMs());
                    out.writeBoolean(ranking.published());
                    out.writeInt(ranking.pages().size());
                    for (PageRanking.PageViews page : ranking.pages()) {
                        out.writeUTF(page.page());
                        out.writeLong(page.views());
                    }
                }),
                (topic, bytes) -> bytes == null ? null : read(bytes, in -> {
                    long start = in.readLong();
                    long end = in.readLong();
                    long firstSeen = in.readLong();
                    boolean published = in.readBoolean();
                    int size = in.readInt();
                    List<PageRanking.PageViews> pages = new ArrayList<>(size);
                    for (int i = 0; i < size; i++) {
                        pages.add(new PageRanking.PageViews(in.readUTF(), in.readLong()));
                    }
                    return new PageRanking(start, end, firstSeen, published, pages);
                }));
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            writer.write(out);
        } catch (IOException e) {
            throw new SerializationException(e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new SerializationException("unknown top-pages format " + format);
            }
            return reader.read(in);
        } catch (IOException e) {
            throw new SerializationException("a top-pages record that cannot be read", e);
        }
    }
}
