package dev.loompatterns.eventsignal;

import dev.loompatterns.core.Crew;
import dev.loompatterns.core.RunGate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The run every mode plays with its own crew, in three rounds:
 * <ol>
 *   <li>{@code waiters} threads wait on the clear signal; once all are seen blocked, one
 *       {@code set()} must release them all.
 *   <li>After {@code clear()}, a timed wait must return false once its timeout has passed.
 *   <li>Still cleared, new waiters must block (all seen waiting, none through) until the next
 *       {@code set()}.
 * </ol>
 * "Seen blocked" means each waiter's thread is in state WAITING or TIMED_WAITING: observed, never
 * assumed after a sleep.
 */
final class EventScenario {

    private EventScenario() {}

    static Outcome play(Crew crew, Signal signal, int waiters, Duration timeout) throws Exception {
        try (crew) {
            AtomicInteger firstThrough = new AtomicInteger();
            boolean blockedBeforeSet = blockUntilSet(crew, signal, waiters, firstThrough);
            // `loom dump` holds the owner here, with every waiter blocked on the signal; a no-op otherwise.
            // Not in the waiters: a waiter held at its start would pass for one blocked on the signal.
            RunGate.arrive();
            signal.set();
            crew.awaitUntil("every waiter returned after set()", () -> firstThrough.get() == waiters);
            boolean setReturnsAtOnce = signal.await(Duration.ZERO);

            signal.clear();
            long[] timed = new long[2]; // result (1 = true), nanos: written by the waiter, read after it finished
            Crew.Member timedWaiter = crew.start(() -> {
                long start = System.nanoTime();
                boolean result = signal.await(timeout);
                timed[1] = System.nanoTime() - start;
                timed[0] = result ? 1 : 0;
            });
            crew.awaitUntil("the timed wait returned", timedWaiter::isFinished);

            AtomicInteger thirdThrough = new AtomicInteger();
            boolean blockedAfterClear = blockUntilSet(crew, signal, waiters, thirdThrough);
            signal.set();
            crew.awaitUntil("every waiter returned after the next set()", () -> thirdThrough.get() == waiters);
            crew.join(); // also the happens-before edge for timed[]
            return new Outcome(
                    waiters,
                    blockedBeforeSet,
                    firstThrough.get(),
                    setReturnsAtOnce,
                    timed[0] == 1,
                    Duration.ofNanos(timed[1]),
                    timeout,
                    blockedAfterClear,
                    thirdThrough.get());
        }
    }

    /**
     * Starts waiters on the signal and waits until each is seen blocked, or one got through.
     *
     * @return true if all were blocked and none had got through
     */
    private static boolean blockUntilSet(Crew crew, Signal signal, int waiters, AtomicInteger through)
            throws Exception {
        List<Crew.Member> members = new ArrayList<>(waiters);
        for (int i = 0; i < waiters; i++) {
            members.add(crew.start(() -> {
                signal.await();
                through.incrementAndGet();
            }));
        }
        crew.awaitUntil(
                "every waiter is blocked on the cleared signal",
                () -> through.get() > 0 || members.stream().allMatch(Crew.Member::isWaiting));
        return through.get() == 0 && !signal.isSet();
    }
}
