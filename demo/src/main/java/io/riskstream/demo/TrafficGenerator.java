package io.riskstream.demo;

import java.util.List;

/** Makes demo records of one kind, in the order they should be sent; knows nothing of Kafka. */
interface TrafficGenerator<T> {

    /** The next {@code count} records, stamped with the generator's clock. */
    List<Keyed<T>> next(int count);
}
