package dev.loompatterns.timer;

import dev.loompatterns.core.RunGate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What every mode plays with its own {@link Form}: the timers of one variant, scheduled by the
 * owner, awaited, then described timer by timer for the check. Times are {@code System.nanoTime()}
 * read by the owner just before it schedules a timer and just after a {@code cancel()} returns, and
 * by the action as it runs: the clock the timers themselves wait on, so "not before its delay" is
 * exact, and so is "a cancel that said false came after the delay".
 *
 * <p>Every one-shot action, and a repeating timer's last tick, calls {@link RunGate#arrive()}
 * first (after reading the time), so {@code loom dump} can hold a run while a timer is firing
 * without making a later tick late.
 */
final class TimerScenario {

    private TimerScenario() {}

    /**
     * One one-shot timer as observed.
     *
     * @param delay       the delay it was given
     * @param fires       how many times its action ran
     * @param firedAfter  when its action (first) ran, after the owner scheduled it; null if never
     * @param cancelAfter when the owner's {@code cancel()} returned, after it scheduled the timer;
     *                    null if it never called it
     * @param cancelled   {@code cancel()} returned true
     * @param thread      the id of the thread its action (first) ran on; 0 if it never ran
     * @param turn        which action of that thread's it was: 1 for the first the thread ran, 2 if
     *                    the thread had run another timer's action before it; 0 if it never ran
     */
    record Fired(
            Duration delay,
            int fires,
            Duration firedAfter,
            Duration cancelAfter,
            boolean cancelled,
            long thread,
            int turn) {

        /** The owner called {@code cancel()}. */
        boolean cancelAsked() {
            return cancelAfter != null;
        }
    }

    /**
     * One ticking timer as observed.
     *
     * @param period   its period
     * @param expected the ticks it was asked for
     * @param ticks    how many times its action ran
     * @param tickedAt when each of the first {@code expected} ticks ran, after the owner scheduled it (null: not yet)
     */
    record Ticking(Duration period, int expected, int ticks, List<Duration> tickedAt) {}

    /**
     * {@code timers} one-shot timers, delays spread evenly from {@code delay} to just under twice
     * it; if {@code cancelEveryOther}, the owner cancels every second one once all are scheduled.
     */
    static List<Fired> once(Form service, int timers, Duration delay, boolean cancelEveryOther) throws Exception {
        Duration[] delays = new Duration[timers];
        for (int i = 0; i < timers; i++) {
            delays[i] = delay.plus(delay.multipliedBy(i).dividedBy(timers));
        }
        return run(service, delays, cancelEveryOther, Duration.ZERO, null);
    }

    /**
     * {@code timers} one-shot timers all due at the same instant, {@code delay} from now (each
     * timer's delay is what is left of it when the owner schedules it), whose actions block for
     * {@code block}. With fewer threads than timers, a timer that starts only when another's action
     * has ended is therefore at least {@code block} late, however close together they were scheduled.
     */
    static List<Fired> blocking(Form service, int timers, Duration delay, Duration block) throws Exception {
        return run(service, new Duration[timers], false, block, System.nanoTime() + delay.toNanos());
    }

    /**
     * Schedules the timers, cancels every second one if asked, waits for them all, and describes
     * each. Each action blocks for {@code block} (zero: not at all). With {@code dueAt} given (a
     * {@code System.nanoTime()} value), the delays are computed as each timer is scheduled, to end
     * at {@code dueAt}.
     */
    private static List<Fired> run(
            Form service, Duration[] delays, boolean cancelEveryOther, Duration block, Long dueAt) throws Exception {
        int n = delays.length;
        AtomicIntegerArray fires = new AtomicIntegerArray(n);
        AtomicLongArray firedAt = new AtomicLongArray(n); // nanos after scheduling, plus 1 (0: never)
        AtomicLongArray threads = new AtomicLongArray(n); // the acting thread's id (0: never)
        AtomicIntegerArray turns = new AtomicIntegerArray(n);
        Map<Long, AtomicInteger> actionsByThread = new ConcurrentHashMap<>();
        long[] scheduledAt = new long[n]; // written before the timer exists: its action sees it
        long[] cancelAt = new long[n]; // nanos after scheduling, read once cancel() returned (0: not asked)
        boolean[] cancelled = new boolean[n];
        try (service) {
            List<Form.Timer> scheduled = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int index = i;
                scheduledAt[i] = System.nanoTime();
                if (dueAt != null) {
                    delays[i] = Duration.ofNanos(Math.max(0, dueAt - scheduledAt[i]));
                }
                scheduled.add(service.schedule(delays[i], () -> {
                    long now = System.nanoTime();
                    RunGate.arrive();
                    if (fires.getAndIncrement(index) == 0) {
                        firedAt.set(index, now - scheduledAt[index] + 1);
                        long thread = Thread.currentThread().threadId();
                        threads.set(index, thread);
                        // one thread's actions run one after another, so its count orders them
                        turns.set(
                                index,
                                actionsByThread
                                        .computeIfAbsent(thread, id -> new AtomicInteger())
                                        .incrementAndGet());
                    }
                    if (!block.isZero()) {
                        Thread.sleep(block); // a blocking action: I/O, a lock, a slow call
                    }
                }));
            }
            if (cancelEveryOther) {
                for (int i = 1; i < n; i += 2) {
                    cancelled[i] = scheduled.get(i).cancel();
                    // read after cancel() returned: a false answer was decided by then
                    cancelAt[i] = System.nanoTime() - scheduledAt[i] + 1;
                }
            }
            service.awaitAll();
        }
        List<Fired> observed = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long at = firedAt.get(i);
            observed.add(new Fired(
                    delays[i],
                    fires.get(i),
                    at == 0 ? null : Duration.ofNanos(at - 1),
                    cancelAt[i] == 0 ? null : Duration.ofNanos(cancelAt[i] - 1),
                    cancelled[i],
                    threads.get(i),
                    turns.get(i)));
        }
        return observed;
    }

    /** {@code timers} ticking timers, each {@code ticks} ticks every {@code period}. */
    static List<Ticking> fixedRate(Form service, int timers, Duration period, int ticks) throws Exception {
        AtomicIntegerArray counts = new AtomicIntegerArray(timers);
        AtomicLongArray[] tickedAt = new AtomicLongArray[timers]; // nanos after scheduling, plus 1 (0: not yet)
        long[] scheduledAt = new long[timers];
        try (service) {
            for (int i = 0; i < timers; i++) {
                int index = i;
                AtomicLongArray at = tickedAt[i] = new AtomicLongArray(ticks);
                scheduledAt[i] = System.nanoTime();
                service.scheduleAtFixedRate(period, ticks, k -> {
                    long now = System.nanoTime();
                    if (k >= ticks) {
                        // held at its last tick only: a tick held earlier made every later one late by the
                        // hold (loom dump's, hundreds of ms), and the check said the timer drifted
                        RunGate.arrive();
                    }
                    counts.incrementAndGet(index);
                    if (k >= 1 && k <= ticks) {
                        at.compareAndSet(k - 1, 0, now - scheduledAt[index] + 1);
                    }
                });
            }
            service.awaitAll();
        }
        List<Ticking> observed = new ArrayList<>(timers);
        for (int i = 0; i < timers; i++) {
            List<Duration> at = new ArrayList<>(ticks);
            for (int k = 0; k < ticks; k++) {
                long nanos = tickedAt[i].get(k);
                at.add(nanos == 0 ? null : Duration.ofNanos(nanos - 1));
            }
            observed.add(new Ticking(period, ticks, counts.get(i), java.util.Collections.unmodifiableList(at)));
        }
        return observed;
    }
}
