package io.riskstream.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.apache.avro.Schema;

/** Avro schemas kept as test resources: versions the app has never seen. */
public final class TestSchemas {

    /** A {@code Transaction} v3: v2 plus an optional {@code terminalId}. */
    public static final String TRANSACTION_V3 = "/schemas/transaction-v3.avsc";
    /** The next {@code FraudDecision}: today's plus an optional {@code reviewQueue}. */
    public static final String FRAUD_DECISION_NEXT = "/schemas/fraud-decision-next.avsc";

    private TestSchemas() {
    }

    public static Schema read(String resource) {
        try (InputStream in = TestSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test schema " + resource);
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
