package io.riskstream.platform;

import java.util.Map;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * {@code processing.exception.handler} (KIP-1033): a processor threw for one record. Every known kind of bad input
 * is caught before any processor sees it, so this is a bug; the record must neither stop the stream nor be lost.
 * A transient failure (the registry away while an output is serialized) fails the thread, which is replaced and
 * reads the record again; anything else goes to the dead-letter topic by {@link LastResortDeadLetters}.
 */
public final class ProcessingErrorHandler implements ProcessingExceptionHandler {

    private LastResortDeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = LastResortDeadLetters.of(configs);
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (TransientFailures.isTransient(exception)) {
            return ProcessingHandlerResponse.FAIL;
        }
        boolean written = deadLetters.write(context, DeadLetterReason.PROCESSING_ERROR,
                "Processing failed", exception);
        return written ? ProcessingHandlerResponse.CONTINUE : ProcessingHandlerResponse.FAIL;
    }
}
