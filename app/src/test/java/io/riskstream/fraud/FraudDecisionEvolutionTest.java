package io.riskstream.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

import io.riskstream.events.FraudDecision;
import io.riskstream.events.Reason;
import io.riskstream.platform.TestSchemas;
import io.riskstream.schemas.SchemaCatalog;

/**
 * Our own output evolves like any other: the next {@code FraudDecision} (a test schema with one more
 * optional field) is allowed by its subjects' rule, and a downstream consumer built on today's class reads
 * decisions written with it, as a consumer on the next version reads today's.
 */
class FraudDecisionEvolutionTest {

    static final Schema NEXT = TestSchemas.read(TestSchemas.FRAUD_DECISION_NEXT);
    static final Instant EVENT_TIME = Instant.parse("2026-01-05T10:00:00Z");

    @Test
    void nextVersionIsCompatibleUnderTheRuleOfEveryTopicThatCarriesIt() {
        SchemaCatalog catalog = SchemaCatalog.load();

        assertThat(catalog.forTopic("fraud-decisions").problemsOf(NEXT)).isEmpty();
        assertThat(catalog.forTopic("fraud-alerts").problemsOf(NEXT)).isEmpty();
    }

    @Test
    void consumerOnTheCurrentClassReadsADecisionWrittenWithTheNextVersion() throws IOException {
        GenericRecord written = nextDecision("REVIEW", "manual-high-value");

        FraudDecision read = read(new SpecificDatumReader<>(NEXT, FraudDecision.getClassSchema()),
                write(new GenericDatumWriter<>(NEXT), written));

        assertThat(read).isEqualTo(currentDecision("REVIEW"));
    }

    @Test
    void consumerOnTheNextVersionReadsADecisionWrittenWithTheCurrentClass() throws IOException {
        GenericRecord read = read(new GenericDatumReader<>(FraudDecision.getClassSchema(), NEXT),
                write(new SpecificDatumWriter<>(FraudDecision.class), currentDecision("DECLINE")));

        assertThat(read.get("reviewQueue")).isNull();
        assertThat(read.get("decision")).hasToString("DECLINE");
    }

    /** A decision as the next version of the app would write it, with the new field set. */
    static GenericRecord nextDecision(String decision, String reviewQueue) {
        Schema reasonSchema = NEXT.getField("reasons").schema().getElementType();
        GenericRecord reason = new GenericData.Record(reasonSchema);
        reason.put("ruleId", "high-amount");
        reason.put("points", 400);
        reason.put("detail", "amount above 5000.00");
        GenericRecord record = new GenericData.Record(NEXT);
        record.put("transactionId", "tx-next-1");
        record.put("cardId", "card-next");
        record.put("score", 400);
        record.put("decision", decision);
        record.put("reasons", List.of(reason));
        record.put("rulesetVersion", 7L);
        record.put("eventTime", EVENT_TIME.toEpochMilli());
        record.put("decidedAt", EVENT_TIME.plusMillis(15).toEpochMilli());
        record.put("reviewQueue", reviewQueue);
        return record;
    }

    /** The same decision as today's class holds it, without the new field. */
    static FraudDecision currentDecision(String decision) {
        return FraudDecision.newBuilder().setTransactionId("tx-next-1").setCardId("card-next").setScore(400)
                .setDecision(decision).setReasons(List.of(new Reason("high-amount", 400, "amount above 5000.00")))
                .setRulesetVersion(7L).setEventTime(EVENT_TIME).setDecidedAt(EVENT_TIME.plusMillis(15)).build();
    }

    private static <T> byte[] write(DatumWriter<T> writer, T value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(value, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static <T> T read(DatumReader<T> reader, byte[] bytes) throws IOException {
        return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }
}
