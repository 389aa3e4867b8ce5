package io.riskstream.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DrainCourseTest {

    @Test
    void ratesOfEachQuarterOfTheRecords() {
        // 4,000 records: the first 1,000 in 1 s, then 1,000 every 0.5 s.
        String course = DrainCourse.byQuarter(4_000, 100, 0, k -> k <= 1_000 ? k : 1_000 + (k - 1_000) / 2);

        assertThat(course).isEqualTo("1,000/s, 2,000/s, 2,000/s, 2,000/s");
    }

    @Test
    void tooFewRecordsForQuarters() {
        assertThat(DrainCourse.byQuarter(300, 100, 0, k -> k)).isEqualTo("too few records for quarters");
    }
}
