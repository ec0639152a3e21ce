/*
 * E05 lifecycle: the thread state diagram, observed rather than drawn.
 *
 * A subject thread steps through the states on signals from main: it spins, sleeps until
 * interrupted, parks until unparked, joins a helper, and enters a monitor main holds. Main never
 * sleeps to "let it get there": it polls getState() until the subject is in the state it expects.
 * The same walk runs on a platform thread and on a virtual thread; then a fork shows a subtask's
 * own states.
 *
 * You are expected to see: both kinds of thread print the same line,
 *   NEW > RUNNABLE > TIMED_WAITING > WAITING > WAITING > BLOCKED > TERMINATED
 * because getState() describes the thread, not what runs it. The virtual thread's toString() shows
 * its carrier (@ForkJoinPool-1-worker-N) while it spins, and none while it is parked: a parked
 * virtual thread is unmounted. The subtask that returns prints UNAVAILABLE > SUCCESS, the one that
 * throws UNAVAILABLE > FAILED.
 * The check asks for all of it: both lines of states, the carrier in the spinning virtual thread's
 * toString() and none in the parked one's, and the subtasks' states.
 *
 * API status: StructuredTaskScope is a preview API in JDK 25 (JEP 505); virtual threads are final
 * since JDK 21 (JEP 444); a virtual thread blocked on a monitor unmounts since JDK 24 (JEP 491).
 */
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;
import java.util.concurrent.locks.LockSupport;

public class E05_Lifecycle {

    static final Object MONITOR = new Object();
    static volatile boolean spinning = true;
    static volatile boolean parked = true;
    static volatile String step = "";

    /** The backstop of {@link #await} ran out: the state it waited for never came. */
    static final class NeverReached extends Exception {
        NeverReached(String message) {
            super(message);
        }
    }

    /** How long {@link #await} waits for a state at most: a backstop, far longer than any step takes. */
    static final long BACKSTOP_SECONDS = 30;

    /** BLOCKS-UNTIL: the subject announced {@code want} and is in {@code state} ({@link #BACKSTOP_SECONDS}). */
    static Thread.State await(Thread subject, String want, Thread.State state) throws NeverReached {
        long deadline = System.nanoTime() + BACKSTOP_SECONDS * 1_000_000_000L;
        while (!(step.equals(want) && subject.getState() == state)) {
            if (subject.getState() == Thread.State.TERMINATED) { // it ended early: no use waiting for the backstop
                throw new NeverReached(subject + " ended in " + step + " before it reached " + state + " in " + want);
            }
            if (System.nanoTime() > deadline) {
                throw new NeverReached(subject + " never reached " + state + " in " + want + " within "
                        + BACKSTOP_SECONDS + " s (it is " + subject.getState() + " in "
                        + (step.isEmpty() ? "no step yet" : step) + ")");
            }
            Thread.onSpinWait();
            LockSupport.parkNanos(10_000);
        }
        return state;
    }

    /** One walk: the states seen, and the subject's toString() while it spun and while it was parked. */
    record Walk(String states, String spinning, String parked) {}

    static Walk walk(Thread.Builder builder) throws InterruptedException, NeverReached {
        spinning = true;
        parked = true;
        step = "";
        CountDownLatch helperDone = new CountDownLatch(1);
        Thread helper = builder.start(() -> {
            try {
                helperDone.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread subject = builder.unstarted(() -> {
            step = "spin";
            while (spinning) {
                Thread.onSpinWait();
            }
            step = "sleep";
            try {
                Thread.sleep(30_000); // ended by main's interrupt
            } catch (InterruptedException expected) {
                // main's interrupt is the signal to go on to the next step: handled here, so not set again
            }
            step = "park";
            while (parked) {
                LockSupport.park();
            }
            step = "join";
            try {
                helper.join();
            } catch (InterruptedException e) {
                // no interrupt is expected here: keep the status and say where it ended, and main's
                // await() fails at once ("ended in join, interrupted")
                Thread.currentThread().interrupt();
                step = "join, interrupted";
                return;
            }
            step = "enter";
            synchronized (MONITOR) {
                step = "done";
            }
        });
        List<Thread.State> seen = new ArrayList<>();
        seen.add(subject.getState());
        subject.start();
        String mounted;
        String unmounted;
        try {
            seen.add(await(subject, "spin", Thread.State.RUNNABLE));
            mounted = subject.toString();
            spinning = false;
            seen.add(await(subject, "sleep", Thread.State.TIMED_WAITING));
            subject.interrupt();
            seen.add(await(subject, "park", Thread.State.WAITING));
            unmounted = subject.toString();
            parked = false;
            LockSupport.unpark(subject);
            synchronized (MONITOR) {
                seen.add(await(subject, "join", Thread.State.WAITING));
                helperDone.countDown();
                seen.add(await(subject, "enter", Thread.State.BLOCKED));
            }
        } catch (NeverReached stuck) {
            // let the subject out of whichever step it is in (the monitor is free now), join it, then fail
            spinning = false;
            parked = false;
            LockSupport.unpark(subject);
            helperDone.countDown();
            subject.interrupt();
            subject.join();
            helper.join();
            throw stuck;
        }
        subject.join();
        helper.join();
        seen.add(subject.getState());
        System.out.println("  spinning: " + mounted + "\n  parked:   " + unmounted);
        return new Walk(String.join(" > ", seen.stream().map(Thread.State::name).toList()), mounted, unmounted);
    }

    public static void main(String[] args) throws Exception {
        String expected = "NEW > RUNNABLE > TIMED_WAITING > WAITING > WAITING > BLOCKED > TERMINATED";
        Walk platform;
        Walk virtual;
        try {
            // BEFORE: a platform thread
            System.out.println("platform:");
            platform = walk(Thread.ofPlatform());
            System.out.println("  " + platform.states());
            // AFTER: a virtual thread, the same walk
            System.out.println("virtual:");
            virtual = walk(Thread.ofVirtual());
            System.out.println("  " + virtual.states());
        } catch (NeverReached stuck) {
            // the walk cannot go on; walk() has ended and joined its threads
            throw new IllegalStateException(stuck.getMessage());
        }
        // a virtual thread names its carrier while mounted (spinning), none while unmounted (parked)
        boolean carrierShown = virtual.spinning().contains("@ForkJoinPool-")
                && !virtual.parked().contains("@");
        System.out.println("  carrier shown while spinning, none while parked: " + (carrierShown ? "yes" : "NO"));

        // AFTER, structured: a subtask's states
        List<String> okStates = new ArrayList<>();
        List<String> badStates = new ArrayList<>();
        try (var scope = StructuredTaskScope.open(Joiner.<String>awaitAll())) {
            CountDownLatch go = new CountDownLatch(1);
            Subtask<String> ok = scope.fork(() -> {
                go.await();
                return "fine";
            });
            Subtask<String> bad = scope.fork(() -> {
                go.await();
                throw new IllegalStateException("fails on purpose");
            });
            okStates.add(ok.state().toString()); // the forks wait for go: not complete yet
            badStates.add(bad.state().toString());
            go.countDown();
            scope.join();
            okStates.add(ok.state().toString());
            badStates.add(bad.state().toString());
        }
        System.out.println("subtask that returns: " + String.join(" > ", okStates));
        System.out.println("subtask that throws:  " + String.join(" > ", badStates));

        boolean pass = platform.states().equals(expected)
                && virtual.states().equals(expected)
                && carrierShown
                && okStates.equals(List.of("UNAVAILABLE", "SUCCESS"))
                && badStates.equals(List.of("UNAVAILABLE", "FAILED"));
        if (!pass) {
            throw new IllegalStateException("the check failed: the lines above show what differs");
        }
        System.out.println("ok");
    }
}

/*
 * How to run this (from the project root, with a JDK 25):
 *
 *   java --enable-preview examples/E05_Lifecycle.java
 *
 * With a JFR recording, to open in JDK Mission Control:
 *
 *   java --enable-preview -XX:StartFlightRecording:filename=e05.jfr,settings=jfr-profiles/virtual-threads.jfc,jdk.ThreadSleep#threshold=0ms,jdk.ThreadPark#threshold=0ms,jdk.JavaMonitorEnter#threshold=0ms examples/E05_Lifecycle.java
 *   jfr print --events jdk.ThreadSleep,jdk.ThreadPark,jdk.JavaMonitorEnter e05.jfr
 *
 * The same pattern inside the harness, with its self-check: ./loom compare lifecycle
 */
