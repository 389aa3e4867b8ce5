package io.riskstream.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOfOneToAHundredIsThePercentItself() {
        Percentiles percentiles = new Percentiles(LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray());

        assertThat(percentiles.at(50)).isEqualTo(50);
        assertThat(percentiles.at(99)).isEqualTo(99);
        assertThat(percentiles.at(99.9)).isEqualTo(100);
        assertThat(percentiles.max()).isEqualTo(100);
        assertThat(percentiles.count()).isEqualTo(100);
    }

    @Test
    void aPercentileIsAlwaysAMeasuredValue() {
        Percentiles percentiles = new Percentiles(new long[] {10, 1000});

        assertThat(percentiles.at(50)).isEqualTo(10);
        assertThat(percentiles.at(50.1)).isEqualTo(1000);
    }

    @Test
    void noSamplesGiveMinusOne() {
        assertThat(new Percentiles(new long[0]).at(99)).isEqualTo(-1);
        assertThat(new Percentiles(new long[0]).max()).isEqualTo(-1);
    }

    @Test
    void refusesPercentsOutsideZeroToAHundred() {
        assertThatThrownBy(() -> new Percentiles(new long[] {1}).at(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Percentiles(new long[] {1}).at(100.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
