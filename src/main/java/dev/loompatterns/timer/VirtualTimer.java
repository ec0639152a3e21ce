package dev.loompatterns.timer;

import dev.loompatterns.core.Threads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A virtual thread per timer, which sleeps and then acts: Python's {@code threading.Timer}, which
 * is a thread per timer too, now cheap. A sleeping virtual thread is unmounted and holds no
 * carrier, so a thousand pending timers cost a thousand small heap objects, and an action that
 * blocks delays nobody else. {@code cancel()} interrupts the sleep (after the state says the timer
 * had not fired, so an action is never interrupted by a cancel). A ticking timer sleeps until the
 * next deadline computed from its start, {@code start + k * period}, not for a period after the
 * last tick: a late wake-up then shortens the next sleep instead of pushing every later tick back.
 */
public final class VirtualTimer implements Form {

    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private boolean joined;

    /** Nothing to make: each timer starts its own thread. */
    @Override
    public Form open(int poolSize, Duration horizon) {
        return this;
    }

    @Override
    public Timer schedule(Duration delay, Action action) {
        long due = System.nanoTime() + delay.toNanos();
        TimerState state = new TimerState();
        Thread thread = Thread.ofVirtual().name("timer-", threads.size()).start(() -> {
            try {
                sleepUntil(due);
            } catch (InterruptedException cancelled) {
                return; // cancel() interrupts only a timer that has not fired
            }
            if (state.fire()) {
                act(action::run);
            }
        });
        threads.add(thread);
        return () -> {
            if (!state.cancel()) {
                return false;
            }
            thread.interrupt(); // wakes the sleep; the state already says the action must not run
            return true;
        };
    }

    @Override
    public Timer scheduleAtFixedRate(Duration period, int ticks, Tick action) {
        long start = System.nanoTime();
        long nanos = period.toNanos();
        TimerState state = new TimerState();
        Thread thread = Thread.ofVirtual().name("timer-", threads.size()).start(() -> {
            for (int k = 1; k <= ticks; k++) {
                try {
                    sleepUntil(start + k * nanos); // from the start, not from the last tick: no drift
                } catch (InterruptedException cancelled) {
                    return;
                }
                if (!state.fire()) {
                    return; // cancelled
                }
                int tick = k;
                boolean ran = act(() -> action.run(tick));
                if (!state.endTick() || !ran) {
                    return; // cancelled during the tick, which ran to its end, or the action failed
                }
            }
        });
        threads.add(thread);
        return () -> {
            Boolean betweenTicks = state.cancelRepeating();
            if (betweenTicks == null) {
                return false;
            }
            if (betweenTicks) {
                thread.interrupt(); // wakes the sleep; a running tick is never interrupted
            }
            return true;
        };
    }

    private boolean act(Form.Action action) {
        try {
            action.run();
            return true;
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
            return false;
        }
    }

    /** Sleeps until {@code System.nanoTime()} reaches {@code due}: never wakes before it. */
    static void sleepUntil(long due) throws InterruptedException {
        for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }

    @Override
    public void awaitAll() throws InterruptedException, ExecutionException {
        Threads.joinAll(threads); // interrupted: every timer is interrupted and joined, then this throws
        joined = true;
        Throwable failed = failure.get();
        if (failed != null) {
            throw new ExecutionException(failed);
        }
    }

    @Override
    public void close() {
        if (!joined) {
            threads.forEach(Thread::interrupt);
            Threads.joinUninterruptibly(threads);
        }
    }
}
