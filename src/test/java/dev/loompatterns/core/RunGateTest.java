package dev.loompatterns.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.testing.Background;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every wait here is on observed state; a gate that held for ever would fail at the backstop, not hang the build. */
@Timeout(30) // backstop only
class RunGateTest {

    @Test
    void withNoHoldArriveReturnsAtOnce() throws Exception {
        dev.loompatterns.testing.Background.returnsWithoutWaiting(() -> {
            RunGate.arrive(); // would wait for good if it held
            return null;
        });
    }

    /** A held task waits until the observer releases it, and the observer learns of the arrival. */
    @Test
    void aHeldTaskWaitsUntilReleased() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread task;
        try (RunGate.Hold hold = RunGate.hold()) {
            task = Thread.ofVirtual().start(() -> {
                try {
                    RunGate.arrive();
                    outcome.complete(null);
                } catch (Throwable e) {
                    outcome.complete(e);
                }
            });
            try {
                assertThat(hold.awaitArrival()).isTrue();
                assertThat(hold.arrivals()).isEqualTo(1);
                // until it is parked in the gate, or it went through (the failure asserted next)
                Background.awaitUntil(() -> task.getState() == Thread.State.WAITING || !task.isAlive());
                assertThat(outcome).as("held in the gate until released").isNotDone();
                hold.release();
            } finally {
                hold.release();
                Threads.joinAll(List.of(task));
            }
        }
        assertThat(outcome.get()).isNull();
    }

    @Test
    void anObserverLearnsThatTheRunEndedWithoutAnArrival() throws InterruptedException {
        try (RunGate.Hold hold = RunGate.hold()) {
            hold.runEnded();
            assertThat(hold.awaitArrival()).isFalse();
        }
    }

    @Test
    void oneObserverAtATimeAndClosingRemovesTheHold() throws InterruptedException {
        try (RunGate.Hold ignored = RunGate.hold()) {
            assertThatThrownBy(RunGate::hold).isInstanceOf(IllegalStateException.class);
        }
        RunGate.arrive(); // the hold is gone: returns at once
        RunGate.hold().close();
    }

    /** A task held in the gate is interruptible, as a cancel expects. */
    @Test
    void aHeldTaskCanBeInterrupted() throws Exception {
        TaskLog log = new TaskLog(1);
        try (RunGate.Hold hold = RunGate.hold()) {
            Throwable thrown = Interrupting.interruptWhenReady(
                    () -> log.afterLatency(0, Duration.ZERO, () -> "x").call(), () -> hold.arrivals() == 1);
            assertThat(thrown).isInstanceOf(InterruptedException.class);
        }
        assertThat(log.of(0)).isEqualTo(TaskLog.State.INTERRUPTED);
    }

    @Test
    void aTaskRunsOnceAndItsEndingIsLogged() throws Exception {
        TaskLog log = new TaskLog(3);
        assertThat(log.run(0, () -> "ok")).isEqualTo("ok");
        assertThatThrownBy(() -> log.run(1, () -> {
                    throw new IllegalArgumentException("no");
                }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.run(0, () -> "again")).isInstanceOf(IllegalStateException.class);

        assertThat(log.snapshot()).containsExactly(TaskLog.State.SUCCEEDED, TaskLog.State.FAILED, null);
        assertThat(log.running()).isZero();
        assertThat(log.count(null)).isEqualTo(1);
    }
}
