package io.riskstream.load;

import java.util.Arrays;

/** A growing array of longs, written by one thread and read by another under its lock. */
final class LongSamples {

    private long[] values = new long[1024];
    private int size;

    synchronized void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    synchronized long get(int index) {
        if (index >= size) {
            throw new IndexOutOfBoundsException(index + " of " + size);
        }
        return values[index];
    }

    synchronized int size() {
        return size;
    }

    synchronized long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
