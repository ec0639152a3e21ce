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
     * The part of a ticking timer's allowed lateness at its last tick that does not grow with the
     * run: one late wake-up on a loaded 2-core machine (a GC pause, another build's compiler
     * threads) is milliseconds to tens of milliseconds; 100 ms covers it with room.
     */
    static final Duration LOAD_ALLOWANCE = Duration.ofMillis(100);

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
     * {@code cancel()} that returned true; ticking timers did not drift; for {@code blocking-actions},
     * whether a timer waited for a thread that another's action held.
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
     * The properties every one-shot timer keeps: a timer whose {@code cancel()} returned true never
     * fired; every other fired exactly once, and not before its delay. Null if they hold, else
     * what broke.
     */
    static String violation(List<Fired> timers) {
        for (int i = 0; i < timers.size(); i++) {
            Fired timer = timers.get(i);
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
        return Check.passed(timers.size() + " timers fired once each, none before its delay; late by at most "
                + millis(maxLateness(timers)));
    }

    static Check checkCancel(List<Fired> timers) {
        String broken = violation(timers);
        if (broken != null) {
            return Check.failed(broken);
        }
        long asked = timers.stream().filter(Fired::cancelAsked).count();
        long cancelled = timers.stream().filter(Fired::cancelled).count();
        // violation() has passed: each timer either fired once or was cancelled before it fired
        long fired = timers.size() - cancelled;
        return Check.passed(fired + " fired, " + cancelled + " cancelled before they fired, none fired after its cancel"
                + (asked > cancelled
                        ? " (" + (asked - cancelled) + " cancels came after the timer had fired: cancel() said false)"
                        : ""));
    }

    /**
     * The bound on a ticking timer's lateness at its last tick: a quarter of the span
     * ({@code ticks * period}) plus {@link #LOAD_ALLOWANCE}. A fixed-rate timer's last tick is late
     * by its own wake-up only, whatever came before, because each deadline is computed from the
     * start; a timer that re-arms from its last tick is late by the sum of every tick's wake-up and
     * action time, which grows with the tick count. The bound grows with the span, so a long run
     * is not judged on a short run's allowance, and it lets a loaded machine be late by a quarter
     * of a period per tick before drift is called: a re-arming timer whose ticks each lose that
     * much is caught, and a punctual one on a busy machine is not.
     */
    static Duration driftBound(Duration period, int ticks) {
        return period.multipliedBy(ticks).dividedBy(4).plus(LOAD_ALLOWANCE);
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
            Duration bound = driftBound(timer.period(), timer.expected());
            if (last.compareTo(bound) > 0) {
                return Check.failed("timer " + i + " drifted: last tick " + millis(last) + " late, more than "
                        + millis(bound)
                        + " (a quarter of its " + millis(timer.period().multipliedBy(timer.expected())) + " span + "
                        + millis(LOAD_ALLOWANCE) + ")");
            }
            worst = last.compareTo(worst) > 0 ? last : worst;
        }
        Ticking first = timers.getFirst();
        return Check.passed(timers.size() + " timers x " + first.expected() + " ticks every " + millis(first.period())
                + ", none early; last tick late by at most " + millis(worst) + " (drift bound "
                + millis(driftBound(first.period(), first.expected())) + ")");
    }

    /**
     * Shown when a timer started at least {@code block} after its time: it waited for a thread
     * that another timer's blocking action held, which a thread per timer never does.
     */
    static Check checkBlocking(List<Fired> timers, Duration block) {
        String broken = violation(timers);
        if (broken != null) {
            return Check.failed(broken);
        }
        long held =
                timers.stream().filter(t -> lateness(t).compareTo(block) >= 0).count();
        Duration worst = maxLateness(timers);
        if (held > 0) {
            return Check.demonstrated(held + " of " + timers.size() + " timers started " + millis(block)
                    + " or more after their time, waiting for a thread that a blocking action held (late by up to "
                    + millis(worst) + ")");
        }
        return Check.notShown(
                "no timer waited for another's blocking action: each had a thread of its own (late by at most "
                        + millis(worst) + ", under the " + millis(block) + " an action blocks)");
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
