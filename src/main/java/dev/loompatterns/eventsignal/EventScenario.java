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
 *
 * <p>A set() that leaves a waiter parked (a lost wake-up) cannot be told from a slow one by looking
 * at the waiter, which stays WAITING until it runs again; so the wait for the released count gives
 * up after a limit and the run reports the count it reached, leaving the waiters still parked to
 * the crew, which interrupts them as it closes.
 */
final class EventScenario {

    /**
     * How long the run waits for the waiters one set() released before it reports how many came back.
     * Not a speed limit: every waiter was seen parked before the set(), so all that is left is for the
     * scheduler to run them, and one still parked after this long was not woken. Below the crew's
     * backstop, so the count is reported rather than the run thrown away.
     */
    static final Duration GIVE_UP = Crew.BACKSTOP.minusSeconds(10);

    private EventScenario() {}

    static Outcome play(Crew crew, Signal signal, int waiters, Duration timeout, Duration giveUp) throws Exception {
        try (crew) {
            AtomicInteger firstThrough = new AtomicInteger();
            boolean blockedBeforeSet = blockUntilSet(crew, signal, waiters, firstThrough);
            // `loom dump` holds the owner here, with every waiter blocked on the signal; a no-op otherwise.
            // Not in the waiters: a waiter held at its start would pass for one blocked on the signal.
            RunGate.arrive();
            signal.set();
            if (!allReturn(crew, "every waiter returned after set()", firstThrough, waiters, giveUp)) {
                return Outcome.firstRoundOnly(waiters, blockedBeforeSet, firstThrough.get(), timeout);
            }
            boolean setReturnsAtOnce = signal.await(Duration.ZERO);

            signal.clear();
            long[] timed = new long[2]; // result (1 = true), nanos: written by the waiter, read after it finished
            Crew.Member timedWaiter = crew.start(() -> {
                long start = System.nanoTime();
                boolean result = signal.await(timeout);
                timed[1] = System.nanoTime() - start;
                timed[0] = result ? 1 : 0;
            });
            crew.awaitUntil("the timed wait returned", timedWaiter::isFinished); // and the edge for timed[]

            AtomicInteger thirdThrough = new AtomicInteger();
            boolean blockedAfterClear = blockUntilSet(crew, signal, waiters, thirdThrough);
            signal.set();
            if (allReturn(crew, "every waiter returned after the next set()", thirdThrough, waiters, giveUp)) {
                crew.join();
            } // else the crew, closing, interrupts the waiters left parked
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

    /** Waits until {@code through} reaches {@code waiters}, or {@code giveUp} has passed; true if it did. */
    private static boolean allReturn(Crew crew, String what, AtomicInteger through, int waiters, Duration giveUp)
            throws Exception {
        long deadline = System.nanoTime() + giveUp.toNanos();
        crew.awaitUntil(what, () -> through.get() == waiters || System.nanoTime() - deadline > 0);
        return through.get() == waiters;
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
