package io.riskstream.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MergingSessionsTest {

    static final Duration GAP = Duration.ofMillis(100);

    private final TestSessionStore store = new TestSessionStore();
    private final MergingSessions<String, List<Long>> sessions = store.sessions(GAP);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aMergeIsWrittenOnlyWhenItIsPut() {
        add("ana", 1_000);

        MergingSessions.Merge<String, List<Long>> merge = sessions.merge("ana", 1_050, List.of(1_050L));

        assertThat(merge.merged()).isEqualTo(new Session<>("ana", 1_000, 1_050, List.of(1_000L, 1_050L)));
        assertThat(merge.bridged()).containsExactly(new Session<>("ana", 1_000, 1_000, List.of(1_000L)));
        assertThat(store.all()).containsExactly(new Session<>("ana", 1_000, 1_000, List.of(1_000L)));
    }

    @Test
    void anEventBetweenTwoSessionsWithinTheGapOfBothMergesThemIntoOne() {
        add("ana", 1_000);
        add("ana", 1_200);
        add("ben", 1_100);

        add("ana", 1_100);

        assertThat(store.all()).containsExactly(
                new Session<>("ana", 1_000, 1_200, List.of(1_000L, 1_100L, 1_200L)),
                new Session<>("ben", 1_100, 1_100, List.of(1_100L)));
    }

    @Test
    void aMergeCanKeepAnotherValue() {
        add("ana", 1_000);

        sessions.put(sessions.merge("ana", 1_010, List.of(1_010L)).withValue(List.of(7L)));

        assertThat(store.all()).containsExactly(new Session<>("ana", 1_000, 1_010, List.of(7L)));
    }

    @Test
    void removesOnlyTheSessionsThatEndedBeforeTheGivenTime() {
        add("ana", 1_000);
        add("ben", 2_000);
        add("ben", 2_050);

        assertThat(sessions.removeEndedBefore(2_050)).containsExactly(new Session<>("ana", 1_000, 1_000,
                List.of(1_000L)));
        assertThat(store.all()).containsExactly(new Session<>("ben", 2_000, 2_050, List.of(2_000L, 2_050L)));
    }

    @Test
    void endedSessionsCanBeListedThenReplacedOrRemovedOneByOne() {
        add("ana", 1_000);
        add("ben", 1_500);
        add("cat", 3_000);

        List<Session<String, List<Long>>> ended = sessions.endedBefore(2_000);
        assertThat(ended).extracting(Session::key).containsExactly("ana", "ben");
        assertThat(store.all()).hasSize(3);

        sessions.replace(ended.get(0), List.of(7L));
        sessions.remove(ended.get(1));
        assertThat(store.all()).containsExactly(new Session<>("ana", 1_000, 1_000, List.of(7L)),
                new Session<>("cat", 3_000, 3_000, List.of(3_000L)));
    }

    @Test
    void forEachVisitsEveryStoredSessionOfEveryKey() {
        List<Session<String, List<Long>>> visited = new java.util.ArrayList<>();
        sessions.forEach(visited::add);
        assertThat(visited).isEmpty();

        add("ana", 3_000);
        add("ben", 1_000);
        add("ben", 1_090);
        sessions.forEach(visited::add);

        assertThat(visited).containsExactlyInAnyOrder(new Session<>("ana", 3_000, 3_000, List.of(3_000L)),
                new Session<>("ben", 1_000, 1_090, List.of(1_000L, 1_090L)));
        assertThat(visited.stream().mapToLong(Session::end).max()).hasValue(3_000);
    }

    @Test
    void aSpanOverlapsAnotherThatSharesAMillisecond() {
        assertThat(new SessionSpan(10, 20).overlap(new SessionSpan(20, 30))).isTrue();
        assertThat(new SessionSpan(10, 20).overlap(new SessionSpan(21, 30))).isFalse();
    }

    private void add(String key, long time) {
        sessions.put(sessions.merge(key, time, List.of(time)));
    }
}
