package dev.loompatterns.eventsignal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.testing.Background;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(60) // backstop only
class EventSignalTest {

    static Stream<Arguments> signalsInEveryMode() {
        return Stream.of(Mode.values())
                .flatMap(mode -> Stream.of("resettable", "latch").map(v -> Arguments.of(mode, v)));
    }

    /** set() releases every blocked waiter, a timed wait times out false, and clear() makes new waiters block. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("signalsInEveryMode")
    void setReleasesAllTimedWaitTimesOutClearBlocksAgain(Mode mode, String variant) throws Exception {
        Signal signal = variant.equals("latch") ? new LatchSignal() : new ResettableEvent();
        Duration timeout = Duration.ofMillis(20);
        Outcome outcome = EventSignalPattern.FORMS.of(mode).play(signal, 30, timeout);

        assertThat(outcome.blockedBeforeSet()).isTrue();
        assertThat(outcome.releasedBySet()).isEqualTo(30);
        assertThat(outcome.timedWaitResult()).isFalse();
        assertThat(outcome.timedWaitTook()).isGreaterThanOrEqualTo(timeout.minus(EventSignalPattern.SLACK));
        assertThat(outcome.blockedAfterClear()).isTrue();
        assertThat(outcome.releasedAfterSet()).isEqualTo(30);
        assertThat(EventSignalPattern.check(outcome).verdict()).isEqualTo(Check.Verdict.PASSED);
    }

    /** A waiter blocked when set() is called is released even if clear() follows before it wakes. */
    @Test
    void setThenClearStillReleasesTheWaiterThatWasBlocked() throws Exception {
        ResettableEvent event = new ResettableEvent();
        try (Background<Boolean> waiter = Background.start(() -> {
            event.await();
            return true;
        })) {
            waiter.awaitState(Thread.State.WAITING);
            Background.awaitUntil(() -> event.waitingThreads() == 1);
            event.set();
            event.clear();
            assertThat(waiter.join()).isTrue();
        }
        assertThat(event.isSet()).isFalse();
        assertThat(event.await(Duration.ZERO)).isFalse();
    }

    @Test
    void waitOnASetEventReturnsAtOnceAndTimedWaitOnAClearOneReturnsFalse() throws Exception {
        ResettableEvent event = new ResettableEvent();
        assertThat(event.await(Duration.ofMillis(5))).isFalse();
        event.set();
        event.await(); // would block forever if set() were lost
        assertThat(event.await(Duration.ZERO)).isTrue();
        assertThat(event.isSet()).isTrue();
    }

    @Test
    void timedWaitIsReleasedBySetBeforeItsTimeout() throws Exception {
        ResettableEvent event = new ResettableEvent();
        try (Background<Boolean> waiter = Background.start(() -> event.await(Duration.ofMinutes(5)))) {
            waiter.awaitState(Thread.State.TIMED_WAITING);
            event.set();
            assertThat(waiter.join()).isTrue();
        }
    }

    @Test
    void interruptedWaiterThrowsAndLeavesTheEventClear() throws Exception {
        ResettableEvent event = new ResettableEvent();
        try (Background<Void> waiter = Background.start(() -> {
            event.await();
            return null;
        })) {
            waiter.awaitState(Thread.State.WAITING);
            waiter.thread().interrupt();
            assertThatThrownBy(waiter::join).isInstanceOf(InterruptedException.class);
        }
        assertThat(event.isSet()).isFalse();
        assertThat(event.waitingThreads()).isZero();
    }

    @Test
    void checkFailsWhenAWaiterIsNotReleasedOrTheTimedWaitReturnsEarly() {
        Duration timeout = Duration.ofMillis(50);
        var good = new Outcome(5, true, 5, true, false, Duration.ofMillis(51), timeout, true, 5);
        assertThat(EventSignalPattern.check(good).verdict()).isEqualTo(Check.Verdict.PASSED);
        var lost = new Outcome(5, true, 4, true, false, Duration.ofMillis(51), timeout, true, 5);
        assertThat(EventSignalPattern.check(lost).detail()).isEqualTo("set() released 4 of 5 waiters");
        var early = new Outcome(5, true, 5, true, false, Duration.ofMillis(30), timeout, true, 5);
        assertThat(EventSignalPattern.check(early).detail()).contains("before its timeout");
        var leaky = new Outcome(5, true, 5, true, false, Duration.ofMillis(51), timeout, false, 5);
        assertThat(EventSignalPattern.check(leaky).verdict()).isEqualTo(Check.Verdict.FAILED);
    }
}
