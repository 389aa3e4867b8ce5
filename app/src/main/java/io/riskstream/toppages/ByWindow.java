package io.riskstream.toppages;

import java.time.Instant;

import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Re-keys a page's final count by its window's start and stamps it with the window's end, so that the
 * ranking's stream time is the end of the newest window whose counts it has seen, whatever event time the
 * upstream partition had reached when it closed the window.
 */
final class ByWindow implements Processor<Windowed<String>, Long, String, WindowCount> {

    private ProcessorContext<String, WindowCount> context;

    @Override
    public void init(ProcessorContext<String, WindowCount> context) {
        this.context = context;
    }

    @Override
    public void process(Record<Windowed<String>, Long> record) {
        long start = record.key().window().start();
        long end = record.key().window().end();
        context.forward(record.withKey(Instant.ofEpochMilli(start).toString())
                .withValue(new WindowCount(start, end, record.key().key(), record.value()))
                .withTimestamp(end));
    }
}
