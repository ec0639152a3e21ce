/*
 * E21 timer: Python's threading.Timer(interval, function), with start() and cancel(), and a timer
 * that ticks at a fixed rate.
 *
 * Three forms of the same five timers (delays 20 to 60 ms, the second and fourth cancelled at
 * once) and one ticker (20 ticks every 10 ms): a ScheduledThreadPoolExecutor of 2 platform
 * threads (schedule, cancel, scheduleAtFixedRate); a virtual thread per timer that sleeps, then
 * acts (cancel interrupts the sleep); a fork per timer in a StructuredTaskScope with a deadline
 * (cancel counts down the timer's own latch). In every form one compare-and-set decides between
 * the timer and the cancel: Future.cancel(false) returns true even while the action runs, so
 * its answer alone does not mean "it never ran". Last, six timers due at once whose actions block
 * for 50 ms: on the pool of 2 they queue, on virtual threads they do not.
 *
 * You are expected to see: in each form, 3 timers fired once, none before its delay, and the 2
 * cancelled ones never fired; the ticker's 20 ticks none before start + k * period, its last tick
 * late by a millisecond or so, not by 20 wake-ups (the next deadline is computed from the start,
 * not from the last tick). Then the blocking actions: on the pool the last timers start about
 * 100 ms late (two rounds of 50 ms actions ahead of them); on virtual threads, every one on time.
 *
 * API status: StructuredTaskScope and Configuration.withTimeout are a preview API in JDK 25
 * (JEP 505).
 */
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

public class E21_Timer {

    /** PENDING -> FIRED (the timer won) or PENDING -> CANCELLED (the cancel won): never both. */
    static final class State {
        private final AtomicInteger value = new AtomicInteger();

        boolean fire() {
            return value.compareAndSet(0, 1);
        }

        boolean cancel() {
            return value.compareAndSet(0, 2);
        }
    }

    interface Timers {
        /** Runs action once after delay; the returned cancel says true only if it will never run. */
        java.util.function.BooleanSupplier schedule(Duration delay, Runnable action);

        /** ticks ticks, the k-th at start + k * period. */
        void ticker(Duration period, int ticks, java.util.function.IntConsumer tick);

        void awaitAll() throws Exception;
    }

    static final Duration[] DELAYS = {
        Duration.ofMillis(20),
        Duration.ofMillis(30),
        Duration.ofMillis(40),
        Duration.ofMillis(50),
        Duration.ofMillis(60)
    };
    static final Duration PERIOD = Duration.ofMillis(10);
    static final int TICKS = 20;

    /** Plays the five timers and the ticker on one form; true if every promise held. */
    static boolean play(String name, Timers timers) throws Exception {
        int n = DELAYS.length;
        AtomicLongArray firedAfter = new AtomicLongArray(n); // nanos + 1; 0: never
        AtomicInteger fires = new AtomicInteger();
        AtomicLongArray tickAt = new AtomicLongArray(TICKS);
        List<java.util.function.BooleanSupplier> cancels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            long scheduled = System.nanoTime();
            cancels.add(timers.schedule(DELAYS[i], () -> {
                fires.incrementAndGet();
                firedAfter.set(index, System.nanoTime() - scheduled + 1);
            }));
        }
        boolean cancelled = cancels.get(1).getAsBoolean() & cancels.get(3).getAsBoolean();
        long start = System.nanoTime();
        timers.ticker(PERIOD, TICKS, k -> tickAt.set(k - 1, System.nanoTime() - start));
        timers.awaitAll();

        boolean ok = cancelled && fires.get() == 3 && firedAfter.get(1) == 0 && firedAfter.get(3) == 0;
        for (int i : new int[] {0, 2, 4}) {
            ok &= firedAfter.get(i) - 1 >= DELAYS[i].toNanos();
        }
        for (int k = 1; k <= TICKS; k++) {
            ok &= tickAt.get(k - 1) >= PERIOD.toNanos() * k;
        }
        double lastLateMs = (tickAt.get(TICKS - 1) - PERIOD.toNanos() * TICKS) / 1e6;
        ok &= lastLateMs < 100; // a drifting ticker is late by every tick's wake-up; this one by its last only
        System.out.printf(
                "%-10s %d fired, none early; 2 cancelled, never fired; %d ticks, none early, last late by %.1f ms "
                        + " %s%n",
                name, fires.get(), TICKS, lastLateMs, ok ? "ok" : "WRONG");
        return ok;
    }

    /** BEFORE: a scheduled pool of 2 platform threads. */
    static Timers pool(ScheduledThreadPoolExecutor pool) {
        List<CountDownLatch> done = new ArrayList<>();
        return new Timers() {
            public java.util.function.BooleanSupplier schedule(Duration delay, Runnable action) {
                State state = new State();
                CountDownLatch finished = new CountDownLatch(1);
                done.add(finished);
                Future<?> future = pool.schedule(
                        () -> {
                            if (state.fire()) {
                                action.run();
                                finished.countDown();
                            }
                        },
                        delay.toNanos(),
                        TimeUnit.NANOSECONDS);
                return () -> {
                    if (!state.cancel()) {
                        return false;
                    }
                    future.cancel(false); // its own answer would be true even while the action runs
                    finished.countDown();
                    return true;
                };
            }

            public void ticker(Duration period, int ticks, java.util.function.IntConsumer tick) {
                CountDownLatch finished = new CountDownLatch(1);
                done.add(finished);
                AtomicInteger k = new AtomicInteger();
                java.util.concurrent.CompletableFuture<ScheduledFuture<?>> self =
                        new java.util.concurrent.CompletableFuture<>();
                self.complete(pool.scheduleAtFixedRate(
                        () -> {
                            int tickNo = k.incrementAndGet();
                            if (tickNo > ticks) {
                                return;
                            }
                            tick.accept(tickNo);
                            if (tickNo == ticks) {
                                self.join()
                                        .cancel(false); // a periodic task cancelled from its own run is not run again
                                finished.countDown();
                            }
                        },
                        period.toNanos(),
                        period.toNanos(),
                        TimeUnit.NANOSECONDS));
            }

            public void awaitAll() throws InterruptedException {
                for (CountDownLatch latch : done) {
                    latch.await();
                }
            }
        };
    }

    /** Sleeps until System.nanoTime() reaches due: never wakes before it. */
    static void sleepUntil(long due) throws InterruptedException {
        for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }

    /** AFTER: a virtual thread per timer, which sleeps, then acts. */
    static Timers virtual() {
        List<Thread> threads = new ArrayList<>();
        return new Timers() {
            public java.util.function.BooleanSupplier schedule(Duration delay, Runnable action) {
                long due = System.nanoTime() + delay.toNanos();
                State state = new State();
                Thread thread = Thread.ofVirtual().start(() -> {
                    try {
                        sleepUntil(due);
                    } catch (InterruptedException cancelled) {
                        return;
                    }
                    if (state.fire()) {
                        action.run();
                    }
                });
                threads.add(thread);
                return () -> {
                    if (!state.cancel()) {
                        return false;
                    }
                    thread.interrupt(); // wakes the sleep early; the state says do not act
                    return true;
                };
            }

            public void ticker(Duration period, int ticks, java.util.function.IntConsumer tick) {
                long start = System.nanoTime();
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        for (int k = 1; k <= ticks; k++) {
                            sleepUntil(start + k * period.toNanos()); // from the start, not Thread.sleep(period)
                            tick.accept(k);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }

            public void awaitAll() throws InterruptedException {
                for (Thread thread : threads) {
                    thread.join();
                }
            }
        };
    }

    /** AFTER, structured: a fork per timer in a scope with a deadline; cancel is the timer's own latch. */
    static Timers structured(StructuredTaskScope<Object, Void> scope) {
        return new Timers() {
            public java.util.function.BooleanSupplier schedule(Duration delay, Runnable action) {
                long due = System.nanoTime() + delay.toNanos();
                State state = new State();
                CountDownLatch cancelled = new CountDownLatch(1);
                scope.fork(() -> {
                    // the timeout is the delay, the latch is the cancel: forks are not interrupted one by one
                    if (!cancelled.await(due - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                        sleepUntil(due); // await's timeout ends at due already; this only makes "never early" plain
                        if (state.fire()) {
                            action.run();
                        }
                    }
                    return null;
                });
                return () -> {
                    if (!state.cancel()) {
                        return false;
                    }
                    cancelled.countDown();
                    return true;
                };
            }

            public void ticker(Duration period, int ticks, java.util.function.IntConsumer tick) {
                long start = System.nanoTime();
                scope.fork(() -> {
                    for (int k = 1; k <= ticks; k++) {
                        sleepUntil(start + k * period.toNanos());
                        tick.accept(k);
                    }
                    return null;
                });
            }

            public void awaitAll() throws InterruptedException {
                scope.join(); // past the deadline: TimeoutException, with every pending fork cancelled
            }
        };
    }

    /** Six timers due at once whose actions block for 50 ms: how late does the last one start? */
    static long lastStartLateMs(Timers timers) throws Exception {
        AtomicLongArray late = new AtomicLongArray(6);
        for (int i = 0; i < 6; i++) {
            int index = i;
            long due = System.nanoTime() + Duration.ofMillis(10).toNanos();
            timers.schedule(Duration.ofMillis(10), () -> {
                late.set(index, System.nanoTime() - due);
                try {
                    Thread.sleep(50); // a blocking action: a call, a lock, I/O
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        timers.awaitAll();
        long worst = 0;
        for (int i = 0; i < 6; i++) {
            worst = Math.max(worst, late.get(i));
        }
        return worst / 1_000_000;
    }

    public static void main(String[] args) throws Exception {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2); // BEFORE
        scheduler.setRemoveOnCancelPolicy(true);
        boolean ok = play("platform", pool(scheduler));
        ok &= play("virtual", virtual()); // AFTER
        try (var scope = StructuredTaskScope.open(
                StructuredTaskScope.Joiner.awaitAllSuccessfulOrThrow(),
                config -> config.withTimeout(Duration.ofSeconds(60)))) { // AFTER, structured
            ok &= play("structured", structured(scope));
        }

        long poolLate = lastStartLateMs(pool(scheduler));
        long virtualLate = lastStartLateMs(virtual());
        System.out.printf(
                "blocking actions: on the pool of 2 the last timer started %d ms late; on virtual threads %d ms%n",
                poolLate, virtualLate);
        ok &= poolLate
                >= 90; // two rounds of 50 ms actions ahead of it (less the microseconds between the schedule calls)
        scheduler.shutdown();
        scheduler.awaitTermination(1, TimeUnit.MINUTES);
        System.exit(ok ? 0 : 1);
    }
}

/*
 * How to run this (from the project root, with a JDK 25):
 *
 *   java --enable-preview examples/E21_Timer.java
 *
 * With a JFR recording (sleeping timers leave no pin events; the pool's two threads show in the
 * thread view, the virtual timers in jdk.VirtualThreadStart):
 *
 *   java --enable-preview -XX:StartFlightRecording:filename=e21.jfr,settings=jfr-profiles/virtual-threads.jfc examples/E21_Timer.java
 *   jfr summary e21.jfr
 *
 * The same pattern inside the harness, with its self-check: ./loom compare timer
 * A thread dump taken while a timer fires:                  ./loom dump timer --mode virtual
 */
