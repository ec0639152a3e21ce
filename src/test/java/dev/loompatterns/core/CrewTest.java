package dev.loompatterns.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(60) // backstop only
class CrewTest {

    private static Crew crewFor(Mode mode) {
        return switch (mode) {
            case PLATFORM -> Crew.platform("t-");
            case VIRTUAL -> Crew.virtual("t-");
            case STRUCTURED -> Crew.structured("crew-test");
        };
    }

    /** The first failure interrupts a sibling blocked for good, join() throws it, and nothing is left running. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFailureCancelsTheOthersAndReachesTheOwner(Mode mode) throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Crew.Member blocked;
        try (Crew crew = crewFor(mode)) {
            blocked = crew.start(never::await);
            crew.awaitUntil("the sibling is blocked", blocked::isWaiting);
            crew.start(() -> {
                throw new IllegalStateException("boom");
            });
            assertThatThrownBy(crew::join)
                    .isInstanceOf(ExecutionException.class)
                    .hasRootCauseMessage("boom");
        }
        assertThat(blocked.isFinished()).isTrue();
    }

    /**
     * A task started after another has already failed is cancelled too, as a scope does (it does not
     * run the fork at all): join() throws the failure instead of waiting for a task nobody interrupts.
     * On the old code the platform and virtual crews hung here until the backstop.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aTaskStartedAfterAFailureIsCancelledToo(Mode mode) throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Crew.Member late;
        try (Crew crew = crewFor(mode)) {
            crew.start(() -> {
                throw new IllegalStateException("boom");
            });
            // returns once the failure is recorded (and its cancelling of the tasks listed then is done)
            assertThatThrownBy(() -> crew.awaitUntil("the first task's failure", () -> false))
                    .isInstanceOf(ExecutionException.class)
                    .hasRootCauseMessage("boom");
            late = crew.start(never::await);
            assertThatThrownBy(crew::join)
                    .isInstanceOf(ExecutionException.class)
                    .hasRootCauseMessage("boom");
        }
        // cancelled, and waited for by join or close: none is left waiting. A thread's await is interrupted; a fork
        // made once the scope has cancelled is never started (NEW), one made just before is interrupted too
        assertThat(late.state())
                .isIn(
                        mode == Mode.STRUCTURED
                                ? List.of(Thread.State.NEW, Thread.State.TERMINATED)
                                : List.of(Thread.State.TERMINATED));
    }

    /** A wait on state that a failed task will never bring about ends with that failure, not at the backstop. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void awaitUntilStopsWhenATaskFails(Mode mode) {
        assertThatThrownBy(() -> {
                    try (Crew crew = crewFor(mode)) {
                        crew.start(() -> {
                            throw new IllegalArgumentException("nope");
                        });
                        crew.awaitUntil("something that never happens", () -> false);
                    }
                })
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("nope");
    }

    /** Leaving without join() (the owner's own failure) still ends every task before close() returns. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void closeWithoutJoinCancelsAndWaits(Mode mode) throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Crew.Member blocked;
        try (Crew crew = crewFor(mode)) {
            blocked = crew.start(never::await);
            crew.awaitUntil("the task is blocked", blocked::isWaiting);
        }
        assertThat(blocked.isFinished()).isTrue();
    }

    /**
     * An interrupted owner (Ctrl-C) starts no more: a run's loop that started tasks on regardless, 5,000,000 of them,
     * outlived loom's grace. Those started end at close(), which returns with the owner's flag still set.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void anInterruptedOwnerStartsNoMoreAndCloseEndsThoseStarted(Mode mode) throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
        Crew.Member blocked;
        try {
            try (Crew crew = crewFor(mode)) {
                blocked = crew.start(never::await);
                crew.awaitUntil("the task is blocked", blocked::isWaiting);
                Thread.currentThread().interrupt();
                assertThatThrownBy(() -> crew.start(ran::incrementAndGet))
                        .isInstanceOf(InterruptedException.class)
                        .hasMessage("interrupted after starting 1");
            }
            assertThat(Thread.currentThread().isInterrupted())
                    .as("the owner's flag")
                    .isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(blocked.isFinished()).isTrue();
        assertThat(ran).hasValue(0);
    }
}
