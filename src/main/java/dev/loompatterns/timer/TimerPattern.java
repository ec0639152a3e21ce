package dev.loompatterns.timer;

import dev.loompatterns.core.AbstractPattern;
import dev.loompatterns.core.ByMode;
import dev.loompatterns.core.Check;
import dev.loompatterns.core.Limits;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.PatternInfo;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import dev.loompatterns.timer.TimerScenario.Fired;
import dev.loompatterns.timer.TimerScenario.Ticking;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Catalogue entry for {@code timer}; see the package documentation. */
public final class TimerPattern extends AbstractPattern {

    static final Param DELAY_MS =
            Param.ofInt("delay-ms", "the shortest delay; once and cancel spread delays up to twice it", 20, 0, 60_000);
    static final Param PERIOD_MS = Param.ofInt("period-ms", "fixed-rate: the period", 5, 1, 60_000);
    static final Param TICKS = Param.ofInt("ticks", "fixed-rate: ticks per timer", 20, 1, 1_000_000);
    static final Param BLOCK_MS =
            Param.ofInt("block-ms", "blocking-actions: how long each action blocks", 25, 1, 60_000);
    static final Param POOL_SIZE = Param.ofInt("pool-size", "platform mode: the scheduled pool's threads", 2, 1, 1_000);

    static final String ONCE = "once";
    static final String CANCEL = "cancel";
    static final String FIXED_RATE = "fixed-rate";
    static final String BLOCKING_ACTIONS = "blocking-actions";

    /**
     * The fewest ticks from which a timer that never caught up is called drift. A timer re-armed
     * from its last tick waits a whole period after each tick, so no gap between two of its ticks
     * is shorter than the period, exactly, at any load. A fixed-rate timer's tick is late by its
     * own wake-up only, so a gap is shorter than the period whenever a tick is less late than the
     * one before (after a stall, the ticks due meanwhile run back to back). Its ticks show no such
     * gap only if each wake-up happened to be later than the one before: for 20 wake-ups whose
     * lateness varies independently, one chance in 20! (about 4e-19). With fewer ticks the chance
     * is not small enough (1 in 6 for 3), so with fewer drift is not judged: a bound on the last
     * tick's lateness, which judged them until 2026-12-04, cannot tell drift from a loaded machine's
     * stall (a quarter of the span plus 100 ms failed a punctual timer of 10 ticks in 13 of 24 fresh
     * runs beside two busy loops, its last tick up to 387.5 ms late). A pool too
     * small for its timers' rate falls behind at every tick and fails this too: its ticks do not
     * keep the rate either.
     */
    static final int CATCH_UP_TICKS = 20;

    /** Tasks are timers; the platform form pools its threads, so its timers are not threads. */
    static final PatternInfo INFO = PatternInfo.fromCatalogue("timer")
            .params(DELAY_MS, PERIOD_MS, TICKS, BLOCK_MS, POOL_SIZE)
            .maxTasks(1_000_000, Limits.MAX_TASKS)
            .build();

    /**
     * Platform: a {@link java.util.concurrent.ScheduledThreadPoolExecutor} of {@code pool-size} platform
     * threads serving every timer; virtual: a virtual thread per timer, waiting on its own latch until its
     * time; structured: a fork per timer, waiting the same way, in one scope whose deadline is the run's
     * horizon plus a backstop.
     */
    static final ByMode<Form> FORMS = new ByMode<>(PlatformTimer::new, VirtualTimer::new, StructuredTimer::new);

    /**
     * Schedules {@code tasks} timers for the variant ({@code once}, {@code cancel}, {@code fixed-rate},
     * {@code blocking-actions}) in the mode's form and checks them: none fired early, twice, or after a
     * {@code cancel()} that returned true, and no {@code cancel()} said false before the delay; ticking
     * timers did not drift; for {@code blocking-actions}, whether a timer waited for a thread that
     * another's action held.
     */
    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        int timers = workload.tasks();
        Duration delay = workload.millis(DELAY_MS);
        Duration period = workload.millis(PERIOD_MS);
        int ticks = workload.intValue(TICKS);
        Duration block = workload.millis(BLOCK_MS);
        Duration horizon = switch (variant.id()) {
            case FIXED_RATE -> period.multipliedBy(ticks);
            case BLOCKING_ACTIONS -> delay.plus(block);
            default -> delay.multipliedBy(2);
        };
        Form service = FORMS.of(mode).open(workload.intValue(POOL_SIZE), horizon);
        return switch (variant.id()) {
            case ONCE -> checkOnce(TimerScenario.once(service, timers, delay, false));
            case CANCEL -> checkCancel(TimerScenario.once(service, timers, delay, true));
            case FIXED_RATE -> checkFixedRate(TimerScenario.fixedRate(service, timers, period, ticks));
            case BLOCKING_ACTIONS -> checkBlocking(TimerScenario.blocking(service, timers, delay, block), block);
            default -> throw new IllegalArgumentException(variant.id());
        };
    }

    /**
     * The properties every one-shot timer keeps: a {@code cancel()} that returned false came after
     * the timer's delay (it can only lose to a timer that fired); a timer whose {@code cancel()}
     * returned true never fired; every other fired exactly once, and not before its delay. Null if
     * they hold, else what broke.
     */
    static String violation(List<Fired> timers) {
        for (int i = 0; i < timers.size(); i++) {
            Fired timer = timers.get(i);
            // a timer never fires before its delay, so a cancel that said false before it has passed is broken
            if (timer.cancelAsked() && !timer.cancelled() && timer.cancelAfter().compareTo(timer.delay()) < 0) {
                return "timer " + i + "'s cancel() said false " + millis(timer.cancelAfter())
                        + " after scheduling, before its delay of " + millis(timer.delay());
            }
            if (timer.cancelled()) {
                if (timer.fires() != 0) {
                    return "timer " + i + " fired after its cancel() returned true";
                }
                continue;
            }
            if (timer.fires() != 1) {
                return "timer " + i + " fired " + timer.fires() + " times, expected once";
            }
            if (timer.firedAfter() == null || timer.firedAfter().compareTo(timer.delay()) < 0) {
                return "timer " + i + " fired after " + millis(timer.firedAfter()) + ", before its delay of "
                        + millis(timer.delay());
            }
        }
        return null;
    }

    static Check checkOnce(List<Fired> timers) {
        String broken = violation(timers);
        if (broken != null) {
            return Check.failed(broken);
        }
        return Check.passed(Check.count(timers.size(), "timer")
                + " fired once each, none before its delay; late by at most " + millis(maxLateness(timers)));
    }

    static Check checkCancel(List<Fired> timers) {
        String broken = violation(timers);
        if (broken != null) {
            return Check.failed(broken);
        }
        long asked = timers.stream().filter(Fired::cancelAsked).count();
        long cancelled = timers.stream().filter(Fired::cancelled).count();
        // violation() has passed: each timer either fired once or was cancelled before it fired, and
        // each cancel() that said false came after the timer's delay
        long fired = timers.size() - cancelled;
        // No cancel in time is no failure (a stall of the timers' delay on a loaded machine, or -P delay-ms=0, makes
        // every cancel late), but then no cancel was tried on a timer that had not fired: said, not passed in silence
        return Check.passed(fired + " fired, " + cancelled + " cancelled before they fired, none fired after its cancel"
                + (asked > cancelled
                        ? " (" + Check.count(asked - cancelled, "cancel")
                                + " came after the timer's delay: cancel() said false)"
                        : "")
                + (cancelled > 0
                        ? ""
                        : asked > 0
                                ? "; no cancel came before its timer's delay, so this run did not try one (a loaded"
                                        + " machine, or a delay-ms too short)"
                                : "; no timer was cancelled: every second one is, so --tasks 2 or more"));
    }

    static Check checkFixedRate(List<Ticking> timers) {
        Duration worst = Duration.ZERO;
        for (int i = 0; i < timers.size(); i++) {
            Ticking timer = timers.get(i);
            if (timer.ticks() != timer.expected()) {
                return Check.failed("timer " + i + " ticked " + timer.ticks() + " times, expected " + timer.expected());
            }
            for (int k = 1; k <= timer.expected(); k++) {
                Duration at = timer.tickedAt().get(k - 1);
                Duration due = timer.period().multipliedBy(k);
                if (at == null || at.compareTo(due) < 0) {
                    return Check.failed(
                            "timer " + i + " tick " + k + " at " + millis(at) + ", before its time " + millis(due));
                }
            }
            Duration last = timer.tickedAt()
                    .get(timer.expected() - 1)
                    .minus(timer.period().multipliedBy(timer.expected()));
            // the catch-up judges drift at any load, from CATCH_UP_TICKS; no wall-clock bound does (see there)
            if (timer.expected() >= CATCH_UP_TICKS && !caughtUp(timer)) {
                return Check.failed("timer " + i + " never caught up: no gap between its " + timer.expected()
                        + " ticks under the " + millis(timer.period()) + " period (late by "
                        + millis(timer.tickedAt().getFirst().minus(timer.period())) + " at the first, "
                        + millis(last)
                        + " at the last): a timer re-armed from its last tick, or a pool too small for its"
                        + " timers' rate");
            }
            worst = last.compareTo(worst) > 0 ? last : worst;
        }
        Ticking first = timers.getFirst();
        return Check.passed(Check.count(timers.size(), "timer") + " x " + Check.count(first.expected(), "tick")
                + " every " + millis(first.period())
                + ", none early, "
                + (first.expected() >= CATCH_UP_TICKS
                        ? "each caught up (a gap under the period); last tick late by at most " + millis(worst)
                        : "drift not judged: too few ticks to look for a catch-up (it takes " + CATCH_UP_TICKS
                                + " or more); last tick late by at most " + millis(worst)));
    }

    /** Some tick came less than a period after the one before: the timer caught up, as only a fixed rate does. */
    static boolean caughtUp(Ticking timer) {
        for (int k = 1; k < timer.expected(); k++) {
            Duration gap = timer.tickedAt().get(k).minus(timer.tickedAt().get(k - 1));
            if (gap.compareTo(timer.period()) < 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Shown when a timer ran on a thread that had run another timer's action before it, and started
     * at least {@code block} after its time: it waited for that thread, which the other's blocking
     * action held. Decided by the threads, not by lateness alone: a thread per timer never runs a
     * second action, so a timer made late by a stall (a GC pause, a cold JVM, a busy machine) is
     * not counted, however late.
     */
    static Check checkBlocking(List<Fired> timers, Duration block) {
        String broken = violation(timers);
        if (broken != null) {
            return Check.failed(broken);
        }
        long held = timers.stream()
                .filter(t -> t.turn() > 1 && lateness(t).compareTo(block) >= 0)
                .count();
        long threads = timers.stream()
                .mapToLong(Fired::thread)
                .filter(id -> id != 0)
                .distinct()
                .count();
        Duration worst = maxLateness(timers);
        String spread = Check.count(timers.size(), "timer") + " on " + Check.count(threads, "thread");
        if (held > 0) {
            return Check.demonstrated(held + " of " + timers.size() + " timers waited for another's blocking action"
                    + " on their thread, starting " + millis(block) + "+ late (" + spread + ", late by up to "
                    + millis(worst) + ")");
        }
        return Check.notShown((threads == timers.size()
                        ? "each timer had a thread of its own, so none waited for another's blocking action ("
                        : "no timer started " + millis(block) + "+ late after another's action on its thread (")
                + spread + ", late by at most " + millis(worst) + ")");
    }

    private static Duration lateness(Fired timer) {
        return timer.firedAfter() == null ? Duration.ZERO : timer.firedAfter().minus(timer.delay());
    }

    private static Duration maxLateness(List<Fired> timers) {
        return timers.stream()
                .filter(t -> t.firedAfter() != null)
                .map(TimerPattern::lateness)
                .max(Comparator.naturalOrder())
                .orElse(Duration.ZERO);
    }

    static String millis(Duration d) {
        return Objects.isNull(d) ? "never" : String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
    }
}
