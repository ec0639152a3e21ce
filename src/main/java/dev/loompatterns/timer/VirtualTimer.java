package dev.loompatterns.timer;

import dev.loompatterns.core.Crew;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

/**
 * A virtual thread per timer, which waits for its time and then acts: Python's
 * {@code threading.Timer}, which is a thread per timer too, now cheap. A waiting virtual thread is
 * unmounted and holds no carrier, so a thousand pending timers cost a thousand small heap objects,
 * and an action that blocks delays nobody else. A timer waits on its own latch with a timeout, as
 * Python's waits on an {@code Event}: the timeout is the delay, the latch is the cancel, which
 * opens it only after the state says the timer had not fired, so a cancel never disturbs an
 * action. A ticking timer waits until the next deadline computed from its start,
 * {@code start + k * period}, not for a period after the last tick: a late wake-up then shortens
 * the next wait instead of pushing every later tick back.
 *
 * <p>The timers are a {@link Crew} of virtual threads, which behaves as a scope does: the first
 * action to throw cancels (interrupts) the other timers, {@link #awaitAll()} throws that failure,
 * and {@link #close()} never returns while a timer's thread runs.
 */
public final class VirtualTimer implements Form {

    private Crew crew; // made by open()

    /** A crew of virtual threads, one per timer, named {@code timer-N}. */
    @Override
    public Form open(int poolSize, Duration horizon) {
        crew = Crew.virtual("timer-");
        return this;
    }

    @Override
    public Timer schedule(Duration delay, Action action) throws InterruptedException {
        long due = System.nanoTime() + delay.toNanos();
        TimerState state = new TimerState();
        crew.start(() -> state.fireWhenDue(due, action));
        return state::cancel;
    }

    @Override
    public Timer scheduleAtFixedRate(Duration period, int ticks, Tick action) throws InterruptedException {
        long start = System.nanoTime();
        long nanos = period.toNanos();
        TimerState state = new TimerState();
        crew.start(() -> state.tickAtFixedRate(start, nanos, ticks, action));
        return () -> state.cancelRepeating() != null;
    }

    /** {@code crew.join()}: interrupted, it interrupts and joins every timer, then throws. */
    @Override
    public void awaitAll() throws InterruptedException, ExecutionException {
        crew.join();
    }

    @Override
    public void close() {
        crew.close(); // interrupts the timers still pending unless awaitAll returned, and waits for them
    }
}
