package dev.loompatterns.lifecycle;

import dev.loompatterns.core.RunGate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The state diagram walked by one subject thread and observed by another. The subject announces
 * each step in {@link #phase} and then blocks in the way that step is about; the observer waits
 * until the subject is both in that phase and in the expected {@link Thread.State}, records it,
 * and releases the subject into the next step. Nothing waits "long enough": every wait is for an
 * observable state, bounded by a backstop ({@link #BACKSTOP} unless a test gives a shorter one).
 * A step whose state is not seen within it is recorded as what was seen instead, {@code RUNNABLE
 * in PARKING (timed out)}, and ends the walk, so the check fails naming it.
 *
 * <p>Steps: spin (RUNNABLE), {@code Thread.sleep} (TIMED_WAITING, ended by an interrupt),
 * {@code LockSupport.park} (WAITING), {@code Thread.join} on a helper (WAITING), enter a monitor
 * the observer holds (BLOCKED), return (then TERMINATED once joined).
 *
 * <p>Memory consistency effects: every field the two threads share is volatile, a latch, or a
 * future, so each release happens-before the subject's next step.
 */
final class StateWalk {

    /** Backstop for every wait; exceeding it is a failure, never the expected path. */
    static final Duration BACKSTOP = Duration.ofSeconds(30);

    /** Where the subject is in its walk; written only by the subject. */
    enum Phase {
        NOT_STARTED,
        SPINNING,
        SLEEPING,
        PARKING,
        JOINING,
        ENTERING,
        DONE
    }

    private final int task;
    private final boolean failAtEnd;
    private final Duration backstop;
    private final Object monitor = new Object();
    private final CountDownLatch helperRelease = new CountDownLatch(1);
    private final CompletableFuture<Thread> helperThread = new CompletableFuture<>();
    private final CompletableFuture<Thread> subjectThread = new CompletableFuture<>();
    private volatile Phase phase = Phase.NOT_STARTED;
    private volatile boolean spinReleased;
    private volatile boolean parkReleased;
    private volatile String mountedAs = "";
    private volatile String parkedAs = "";
    private volatile String blockedAs = "";

    StateWalk(int task, boolean failAtEnd) {
        this(task, failAtEnd, BACKSTOP);
    }

    /** A walk whose waits give up after {@code backstop}: shorter in a test of a walk that gets stuck. */
    StateWalk(int task, boolean failAtEnd, Duration backstop) {
        this.task = task;
        this.failAtEnd = failAtEnd;
        this.backstop = backstop;
    }

    static String failureMessage(int task) {
        return "subject " + task + " fails on purpose";
    }

    // ---- the helper's side: a thread for the subject to join

    /** The helper's body: ends when the observer lets it, so the subject's join can be seen waiting. */
    void helper() {
        helperThread.complete(Thread.currentThread());
        try {
            helperRelease.await(); // BLOCKS-UNTIL: the observer has seen the subject WAITING in join
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // cancelled: end now
        }
    }

    // ---- the subject's side

    /**
     * The subject's body.
     *
     * @return the task number
     * @throws IllegalStateException at the end, if this walk was made to fail (a FAILED subtask)
     * @throws InterruptedException  if interrupted while joining (the walk was abandoned)
     */
    int subject() throws InterruptedException, ExecutionException {
        subjectThread.complete(Thread.currentThread());
        phase = Phase.SPINNING;
        while (!spinReleased) {
            Thread.onSpinWait();
        }
        phase = Phase.SLEEPING;
        try {
            Thread.sleep(backstop);
        } catch (InterruptedException e) {
            // the observer's signal that it saw TIMED_WAITING; the exception cleared the flag
        }
        phase = Phase.PARKING;
        while (!parkReleased) { // park may return spuriously: re-check the condition
            LockSupport.park(this);
        }
        Thread helper = helperThread.get(); // before JOINING, so the WAITING seen next is the join's
        phase = Phase.JOINING;
        helper.join();
        phase = Phase.ENTERING;
        synchronized (monitor) {
            phase = Phase.DONE;
        }
        if (failAtEnd) {
            throw new IllegalStateException(failureMessage(task));
        }
        return task;
    }

    /** {@link #subject()} for a {@code Runnable}; used only where the walk does not fail. */
    void subjectQuietly() {
        try {
            subject();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the observer's side

    /** The helper's or subject's thread once it has started (forks are not handed to the owner). */
    Thread helperThread() throws InterruptedException {
        return started(helperThread);
    }

    Thread subjectThread() throws InterruptedException {
        return started(subjectThread);
    }

    private Thread started(CompletableFuture<Thread> thread) throws InterruptedException {
        try {
            return thread.get(backstop.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("a forked thread did not start within " + backstop.toMillis() + " ms", e);
        }
    }

    /**
     * Drives a started subject from RUNNABLE to BLOCKED, appending each state as it is observed.
     * A step not seen within the backstop is appended as what was seen instead and ends the walk
     * there. The caller then joins the subject and adds TERMINATED, and must call {@link #release}
     * in a {@code finally}, so a failed walk does not leave the subject blocked.
     */
    void drive(Thread subject, List<String> seen) throws InterruptedException {
        // `loom dump` holds the observer here, not the subject: a subject held at its start would
        // add a WAITING step to the walk under test. Held here, the subject spins in its first step,
        // which the walk waits for anyway. A no-op otherwise; an interrupt ends the walk as below.
        RunGate.arrive();
        if (!reached(subject, Phase.SPINNING, Thread.State.RUNNABLE, "spin", seen)) {
            return;
        }
        mountedAs = subject.toString();
        spinReleased = true;

        if (!reached(subject, Phase.SLEEPING, Thread.State.TIMED_WAITING, "sleep", seen)) {
            return;
        }
        subject.interrupt();

        if (!reached(subject, Phase.PARKING, Thread.State.WAITING, "park", seen)) {
            return;
        }
        parkedAs = subject.toString();
        parkReleased = true;
        LockSupport.unpark(subject);

        synchronized (monitor) {
            if (!reached(subject, Phase.JOINING, Thread.State.WAITING, "join", seen)) {
                return;
            }
            helperRelease.countDown();
            if (!reached(subject, Phase.ENTERING, Thread.State.BLOCKED, "monitor", seen)) {
                return;
            }
            blockedAs = offItsCarrier(subject);
        } // leaving the monitor lets the subject in, and on to its end
    }

    /** Lets a subject whose walk was abandoned run to its end, whatever step it is in. */
    void release(Thread subject) {
        spinReleased = true;
        parkReleased = true;
        helperRelease.countDown();
        if (subject != null && phase != Phase.DONE) {
            subject.interrupt();
            LockSupport.unpark(subject);
        }
    }

    /**
     * BLOCKS-UNTIL: the subject is in {@code phase} and in {@code state}, or the backstop has
     * passed. Polls with {@code onSpinWait} and short parks; the state can only be read, not
     * waited for. Appends the state as observed, with what it was waiting in
     * ({@code WAITING(park)}), or on the backstop what was seen last
     * ({@code RUNNABLE in PARKING (timed out)}).
     *
     * @return whether the subject reached the step (the walk goes on only if it did)
     */
    private boolean reached(Thread subject, Phase want, Thread.State state, String in, List<String> seen)
            throws InterruptedException {
        Phase[] at = new Phase[1];
        Thread.State[] now = new Thread.State[1];
        boolean got = pollUntil(() -> {
            // the phase before the state: a WAITING read after JOINING is the join's, never the wait for
            // the helper that comes before JOINING
            at[0] = phase;
            now[0] = subject.getState();
            return at[0] == want && now[0] == state;
        });
        seen.add(got ? now[0] + "(" + in + ")" : now[0] + " in " + at[0] + " (timed out)");
        return got;
    }

    /**
     * The subject's {@code toString()} once a virtual one blocked on the monitor has left its carrier, as JDK 24+ has
     * it do (JEP 491). {@code getState()} says BLOCKED from the moment it starts to leave (its state {@code BLOCKING},
     * read in JDK 25's {@code VirtualThread.threadState}), while {@code toString()} still names the carrier: read then,
     * in about 1 walk of 2,000, the check showed a blocked thread on its carrier. Polled to the backstop; a platform
     * thread, or a virtual one before JDK 24 (which stays pinned), is read at once.
     */
    private String offItsCarrier(Thread subject) throws InterruptedException {
        String[] now = {subject.toString()};
        if (subject.isVirtual() && Runtime.version().feature() >= 24) {
            pollUntil(() -> !(now[0] = subject.toString()).contains("@"));
        }
        return now[0];
    }

    /**
     * BLOCKS-UNTIL: {@code done} holds or the backstop has passed, polled with {@code onSpinWait} and short parks (a
     * thread's state and its {@code toString()} can only be read, not waited for).
     *
     * @return whether {@code done} held
     */
    private boolean pollUntil(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + backstop.toNanos();
        for (int polls = 1; ; polls++) {
            if (done.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            Thread.onSpinWait();
            if (polls % 64 == 0) {
                LockSupport.parkNanos(20_000);
            }
        }
    }

    /** The subject's {@code toString()} while it spun (a mounted virtual thread names its carrier). */
    String mountedAs() {
        return mountedAs;
    }

    /** The subject's {@code toString()} while it was parked (an unmounted virtual thread has no carrier). */
    String parkedAs() {
        return parkedAs;
    }

    /** The subject's {@code toString()} while it was blocked on the monitor. */
    String blockedAs() {
        return blockedAs;
    }

    /** The steps as {@link #drive} labels them, for building expectations. */
    static List<String> drivenStates() {
        return new ArrayList<>(List.of(
                "RUNNABLE(spin)", "TIMED_WAITING(sleep)", "WAITING(park)", "WAITING(join)", "BLOCKED(monitor)"));
    }
}
