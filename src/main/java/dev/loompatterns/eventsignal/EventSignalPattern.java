package dev.loompatterns.eventsignal;

import dev.loompatterns.core.AbstractPattern;
import dev.loompatterns.core.ByMode;
import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.PatternInfo;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import java.time.Duration;

/** Catalogue entry for {@code event-signal}; see the package documentation. */
public final class EventSignalPattern extends AbstractPattern {

    static final Param TIMEOUT_MS = Param.ofInt("timeout-ms", "the timed wait's timeout", 50, 1, 60_000);

    static final PatternInfo INFO =
            PatternInfo.fromCatalogue("event-signal").params(TIMEOUT_MS).build();

    /** The variant that signals with a {@code CountDownLatch}; the other with a resettable event. */
    static final Variant LATCH = INFO.variant("latch");

    /**
     * Platform: a platform thread per waiter, each parking an OS thread until {@code set()}; virtual: a
     * virtual thread per waiter, which unmounts while it waits; structured: a fork per waiter. In every mode
     * (a {@code core.Crew}) a failed or cancelled run interrupts any waiter left parked; the scope is where the
     * JDK itself enforces it.
     */
    static final ByMode<Form> FORMS =
            new ByMode<>(PlatformEventSignal::new, VirtualEventSignal::new, StructuredEventSignal::new);

    /** Slack for the timed wait's lower bound: the clocks agree, so this only absorbs rounding. */
    static final Duration SLACK = Duration.ofMillis(1);

    /**
     * Plays {@link EventScenario} with {@code tasks} waiters on the variant's signal (a resettable event or a
     * latch) in the mode's form and checks each round: one {@code set()} releases every blocked waiter, a
     * timed wait on the cleared signal returns false no sooner than its timeout, and after {@code clear()}
     * new waiters block until the next {@code set()}.
     */
    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        Signal signal = variant.id().equals(LATCH.id()) ? new LatchSignal() : new ResettableEvent();
        return check(FORMS.of(mode).play(signal, workload.tasks(), workload.millis(TIMEOUT_MS), EventScenario.GIVE_UP));
    }

    static Check check(Outcome outcome) {
        int n = outcome.waiters();
        if (!outcome.blockedBeforeSet()) {
            return Check.failed("a waiter got through before set()");
        }
        if (outcome.releasedBySet() != n) {
            return Check.failed("set() released " + outcome.releasedBySet() + " of " + n + " waiters");
        }
        if (!outcome.setReturnsAtOnce()) {
            return Check.failed("a wait on the set event did not return true at once");
        }
        if (outcome.timedWaitResult()) {
            return Check.failed("the timed wait on the cleared event returned true");
        }
        if (outcome.timedWaitTook().compareTo(outcome.timeout().minus(SLACK)) < 0) {
            return Check.failed("the timed wait returned false after " + millis(outcome.timedWaitTook())
                    + ", before its timeout of " + millis(outcome.timeout()));
        }
        if (!outcome.blockedAfterClear()) {
            return Check.failed("after clear(), a new waiter got through without a set()");
        }
        if (outcome.releasedAfterSet() != n) {
            return Check.failed("the second set() released " + outcome.releasedAfterSet() + " of " + n + " waiters");
        }
        return Check.passed("set() released all " + n + " blocked waiters; timed wait false after "
                + millis(outcome.timedWaitTook()) + " (timeout " + millis(outcome.timeout()) + "); after clear() " + n
                + " new waiters blocked until set()");
    }

    private static String millis(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
    }
}
