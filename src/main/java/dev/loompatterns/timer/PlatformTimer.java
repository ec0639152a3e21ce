package dev.loompatterns.timer;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The form to migrate from: a {@link ScheduledThreadPoolExecutor} of a few platform threads.
 * {@code schedule} for a one-shot timer, {@code scheduleAtFixedRate} for a ticking one (its next
 * time is the previous time plus the period, so it does not drift), {@code Future.cancel} to stop
 * one. Few threads serve every timer: an action that blocks holds one of them, and a timer due
 * meanwhile waits for a free thread (the {@code blocking-actions} variant).
 *
 * <p>Python's {@code threading.Timer} is a thread per timer; {@code java.util.Timer} is one thread
 * for all, which one slow or failing action stops for everyone. The scheduled pool replaced both.
 */
public final class PlatformTimer implements Form {

    private ScheduledThreadPoolExecutor pool; // made by open()
    private final Queue<CompletableFuture<Void>> done = new ConcurrentLinkedQueue<>(); // O(1) per timer

    /** A pool of {@code poolSize} platform threads, named {@code timer-pool-N}. */
    @Override
    public Form open(int poolSize, Duration horizon) {
        AtomicInteger n = new AtomicInteger();
        pool = new ScheduledThreadPoolExecutor(
                poolSize,
                r -> Thread.ofPlatform()
                        .name("timer-pool-" + n.getAndIncrement())
                        .unstarted(r));
        pool.setRemoveOnCancelPolicy(true); // a cancelled timer leaves the queue at once
        return this;
    }

    @Override
    public Timer schedule(Duration delay, Action action) {
        TimerState state = new TimerState();
        CompletableFuture<Void> finished = new CompletableFuture<>();
        done.add(finished);
        Future<?> future = pool.schedule(
                () -> {
                    if (!state.fire()) {
                        return; // cancelled just as it came due
                    }
                    try {
                        action.run();
                        finished.complete(null);
                    } catch (Throwable t) {
                        finished.completeExceptionally(t);
                    }
                },
                delay.toNanos(),
                TimeUnit.NANOSECONDS);
        return () -> {
            if (!state.cancel()) {
                return false;
            }
            future.cancel(false); // the answer of Future.cancel is not enough: see TimerState
            finished.complete(null);
            return true;
        };
    }

    @Override
    public Timer scheduleAtFixedRate(Duration period, int ticks, Tick action) {
        TimerState state = new TimerState();
        CompletableFuture<Void> finished = new CompletableFuture<>();
        done.add(finished);
        CompletableFuture<ScheduledFuture<?>> self = new CompletableFuture<>();
        AtomicInteger tick = new AtomicInteger();
        long nanos = period.toNanos();
        self.complete(pool.scheduleAtFixedRate(
                () -> {
                    if (!state.fire()) {
                        return; // cancelled
                    }
                    int k = tick.incrementAndGet();
                    try {
                        action.run(k);
                    } catch (Throwable t) {
                        finished.completeExceptionally(t); // the first failure ends the timer
                    }
                    if (!state.endTick() || finished.isDone() || k == ticks) {
                        // cancelled during this tick, which ran to its end, failed, or the last tick
                        self.join().cancel(false); // cancelled from its own run: the pool does not schedule it again
                        finished.complete(null);
                    }
                },
                nanos,
                nanos,
                TimeUnit.NANOSECONDS));
        return () -> {
            Boolean betweenTicks = state.cancelRepeating();
            if (betweenTicks == null) {
                return false;
            }
            self.join().cancel(false);
            if (betweenTicks) {
                finished.complete(null); // else the running tick completes it when it ends: awaitAll waits for it
            }
            return true;
        };
    }

    @Override
    public void awaitAll() throws InterruptedException, ExecutionException {
        for (CompletableFuture<Void> timer : done) {
            timer.get(); // BLOCKS-UNTIL: the timer fired its last time, was cancelled, or failed
        }
    }

    /** {@code shutdownNow}: drops the timers not yet due, interrupts running actions, waits for the threads. */
    @Override
    public void close() {
        pool.shutdownNow();
        pool.close(); // BLOCKS-UNTIL: every pool thread ended; an interrupt meanwhile is kept for after
    }
}
