package io.riskstream.platform;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;

/**
 * {@code production.exception.handler}: an output (a decision, a changelog entry, a dead letter) could not be
 * serialized or was refused. A transient failure — the registry or a broker away — fails the thread, which is
 * replaced and reads the input again from the last commit, so nothing is lost or doubled. A permanent one is
 * about this one record (too large, a timestamp out of range: {@link InputLimits} and {@link Fields} keep both
 * from happening, so this is the net under them): the input record goes to the dead-letter topic by
 * {@link LastResortDeadLetters} and the stream goes on.
 */
public final class OutputErrorHandler implements ProductionExceptionHandler {

    private LastResortDeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = LastResortDeadLetters.of(configs);
    }

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                                     Exception exception) {
        return handle(context, record.topic(), exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context,
                                                                           ProducerRecord record, Exception exception,
                                                                           SerializationExceptionOrigin origin) {
        return handle(context, record.topic(), exception);
    }

    private ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, String output, Exception exception) {
        if (TransientFailures.isTransient(exception)) {
            return ProductionExceptionHandlerResponse.FAIL;
        }
        boolean written = deadLetters.write(context, DeadLetterReason.OUTPUT_REFUSED,
                "Writing to " + output + " failed", exception);
        return written ? ProductionExceptionHandlerResponse.CONTINUE : ProductionExceptionHandlerResponse.FAIL;
    }
}
