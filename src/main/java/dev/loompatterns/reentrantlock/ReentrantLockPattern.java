package dev.loompatterns.reentrantlock;

import dev.loompatterns.core.AbstractPattern;
import dev.loompatterns.core.ByMode;
import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.PatternInfo;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;

/** Catalogue entry for {@code reentrant-lock}; see the package documentation. */
public final class ReentrantLockPattern extends AbstractPattern {

    static final Param ROUNDS = Param.ofInt("rounds", "calls of method A per worker", 1_000, 1, 10_000_000);

    static final PatternInfo INFO =
            PatternInfo.fromCatalogue("reentrant-lock").params(ROUNDS).build();

    /**
     * Platform: a platform thread per worker, each calling method A of the shared resource, which re-enters B
     * under the same lock; virtual: a virtual thread per worker, the resource unchanged; structured: a fork
     * per worker in one scope.
     */
    static final ByMode<Form> FORMS =
            new ByMode<>(PlatformReentrantLock::new, VirtualReentrantLock::new, StructuredReentrantLock::new);

    /**
     * Has {@code tasks} workers call method A {@code rounds} times each on the variant's resource in the
     * mode's form and checks that every call re-entered B with no other thread in between and left the lock
     * free; for {@code non-reentrant}, whether B was refused the lock its own thread held.
     */
    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        SharedResource resource = SharedResource.forVariant(variant.id());
        int rounds = workload.intValue(ROUNDS);
        long stillHeld = FORMS.of(mode).callAll(resource, workload.tasks(), rounds);
        return check(variant, (long) workload.tasks() * rounds, resource.tally(), stillHeld);
    }

    /**
     * Every call of A completed and re-entered B, nobody else got in while a thread held the lock,
     * and the lock was free after every call. For the non-reentrant lock the flaw is that B is
     * refused the lock its own thread holds: shown when at least one call of B was refused, not
     * shown (not failed) when none was; but an intruder, or calls of A that did not complete, fail
     * it as they fail the others, since they are not its flaw.
     */
    static Check check(Variant variant, long expected, SharedResource.Tally tally, long stillHeld) {
        if (tally.intrusions() != 0) {
            long n = tally.intrusions();
            return Check.failed("another thread got in while the lock was held, " + (n == 1 ? "once" : n + " times"));
        }
        if (variant.wrongWay()) {
            if (tally.calls() != expected) {
                return Check.failed(tally.calls() + " calls of A completed, expected " + expected);
            }
            return tally.refused() > 0
                    ? Check.demonstrated("B was refused the lock its own thread held in " + tally.refused() + " of "
                            + expected + " calls (with acquire() instead of tryAcquire(), each would deadlock)")
                    : Check.notShown("B was refused in none of " + expected
                            + " calls: no call of A reached B holding the permit");
        }
        if (tally.calls() != expected || tally.reentered() != expected) {
            return Check.failed(tally.calls() + " calls of A and " + tally.reentered() + " re-entries of B, expected "
                    + expected + " of each");
        }
        if (stillHeld != 0) {
            return Check.failed("the lock was still held after " + stillHeld + " calls of A returned");
        }
        return Check.passed(
                expected + " calls re-entered B, " + releasedAfterEach(variant) + ", no other thread in between");
    }

    /**
     * What "free after each call" rests on: a {@code ReentrantLock}'s hold count, read in B (2) and after A
     * ({@code isHeldByCurrentThread()}, a count of 0); a monitor has no count to read, only
     * {@code Thread.holdsLock}.
     */
    private static String releasedAfterEach(Variant variant) {
        return switch (variant.id()) {
            case "reentrant-lock" -> "hold count 2 in B and back to 0 after each";
            case "synchronized" -> "monitor no longer held after each";
            default -> throw new IllegalArgumentException("no right way " + variant.id());
        };
    }
}
