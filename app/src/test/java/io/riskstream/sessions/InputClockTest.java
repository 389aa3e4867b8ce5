package io.riskstream.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InputClockTest {

    private final InputClock clock = new InputClock();

    @Test
    void nothingIsKnownBeforeARecord() {
        assertThat(clock.now(1_000)).isEqualTo(InputClock.UNKNOWN);
    }

    @Test
    void idleInputMovesOnWithTheWallClock() {
        clock.recordArrived(10_000, 500);

        assertThat(clock.now(500)).isEqualTo(10_000);
        assertThat(clock.now(2_500)).isEqualTo(12_000);
    }

    @Test
    void everyRecordResetsTheWallClockPart() {
        clock.recordArrived(10_000, 0);
        clock.recordArrived(9_000, 60_000);

        assertThat(clock.now(61_000)).isEqualTo(11_000);
    }

    @Test
    void restoredStreamTimeStartsTheClockUntilARecordArrives() {
        clock.startFrom(5_000, 100);

        assertThat(clock.now(1_100)).isEqualTo(6_000);
    }

    @Test
    void aNewTasksUnknownStreamTimeLeavesTheClockUnknown() {
        clock.startFrom(-1, 100);

        assertThat(clock.now(30_100)).isEqualTo(InputClock.UNKNOWN);
    }
}
