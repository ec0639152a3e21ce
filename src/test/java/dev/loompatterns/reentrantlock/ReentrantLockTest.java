package dev.loompatterns.reentrantlock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Variant;
import dev.loompatterns.testing.Background;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(60) // backstop only
class ReentrantLockTest {

    static Stream<Arguments> reentrantLocksInEveryMode() {
        return Stream.of(Mode.values())
                .flatMap(mode -> Stream.of("reentrant-lock", "synchronized").map(v -> Arguments.of(mode, v)));
    }

    /** Every call of A re-enters B, nobody else gets in meanwhile, and the lock is free after each call. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("reentrantLocksInEveryMode")
    void everyCallReentersWithNoIntruderAndReleasesTheLock(Mode mode, String variant) throws Exception {
        SharedResource resource = SharedResource.forVariant(variant);
        long stillHeld = ReentrantLockPattern.FORMS.of(mode).callAll(resource, 8, 2_000);

        assertThat(resource.tally()).isEqualTo(new SharedResource.Tally(16_000, 16_000, 0, 0));
        assertThat(stillHeld).isZero();
    }

    @Test
    void holdCountIsTwoInsideBAndZeroAfterA() {
        ReentrantLockResource resource = new ReentrantLockResource();
        resource.methodA();
        assertThat(resource.tally().reentered()).isEqualTo(1); // B counted it only with a hold count of 2
        assertThat(resource.heldByCurrentThread()).isFalse();
    }

    /** The wrong way is refused every time, and does not hang: a non-reentrant lock cannot be taken twice. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Mode.class)
    void nonReentrantLockRefusesBEveryTime(Mode mode) throws Exception {
        SharedResource resource = SharedResource.forVariant("non-reentrant");
        ReentrantLockPattern.FORMS.of(mode).callAll(resource, 4, 100);
        assertThat(resource.tally()).isEqualTo(new SharedResource.Tally(400, 0, 0, 400));
    }

    /** The bookkeeping can fail: two threads inside at once (no lock) are counted as an intrusion. */
    @Test
    void guardedStateCountsASecondThreadInside() throws Exception {
        GuardedState state = new GuardedState();
        state.enterA(); // this thread is "inside"; the other enters without any lock
        try (Background<Void> intruder = Background.start(() -> {
            state.enterA();
            return null;
        })) {
            intruder.join();
        }
        assertThat(state.tally().intrusions()).isEqualTo(1);
    }

    @Test
    void checkFailsOnAnIntruderOrALockStillHeld() {
        Variant guarded = new ReentrantLockPattern().variant("reentrant-lock");
        assertThat(ReentrantLockPattern.check(guarded, 10, new SharedResource.Tally(10, 10, 0, 0), 0)
                        .verdict())
                .isEqualTo(Check.Verdict.PASSED);
        assertThat(ReentrantLockPattern.check(guarded, 10, new SharedResource.Tally(10, 10, 1, 0), 0)
                        .detail())
                .startsWith("another thread got in while the lock was held, once");
        assertThat(ReentrantLockPattern.check(guarded, 10, new SharedResource.Tally(10, 10, 3, 0), 0)
                        .detail())
                .isEqualTo("another thread got in while the lock was held, 3 times");
        assertThat(ReentrantLockPattern.check(guarded, 10, new SharedResource.Tally(10, 10, 0, 0), 3)
                        .detail())
                .isEqualTo("the lock was still held after 3 calls of A returned");
        assertThat(ReentrantLockPattern.check(guarded, 10, new SharedResource.Tally(10, 9, 0, 0), 0)
                        .verdict())
                .isEqualTo(Check.Verdict.FAILED);
    }

    /**
     * The pass says what was observed for the variant's lock: a hold count for a {@code ReentrantLock}; for a
     * monitor, which has none to read, only that it was no longer held.
     */
    @Test
    void thePassSaysWhatTheVariantsLockCouldTell() {
        SharedResource.Tally clean = new SharedResource.Tally(10, 10, 0, 0);
        assertThat(ReentrantLockPattern.check(new ReentrantLockPattern().variant("reentrant-lock"), 10, clean, 0)
                        .detail())
                .isEqualTo("10 calls re-entered B, hold count 2 in B and back to 0 after each, no other thread in"
                        + " between");
        Check monitor = ReentrantLockPattern.check(new ReentrantLockPattern().variant("synchronized"), 10, clean, 0);
        assertThat(monitor.verdict()).isEqualTo(Check.Verdict.PASSED);
        assertThat(monitor.detail())
                .isEqualTo("10 calls re-entered B, monitor no longer held after each, no other thread in between")
                .doesNotContain("hold count");
    }

    /** The wrong way still fails when something other than its flaw went wrong: an intruder, or calls lost. */
    @Test
    void nonReentrantCheckFailsOnAnIntruderOrCallsThatDidNotComplete() {
        Variant wrong = new ReentrantLockPattern().variant("non-reentrant");
        Check intruded = ReentrantLockPattern.check(wrong, 10, new SharedResource.Tally(10, 0, 1, 10), 0);
        assertThat(intruded.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(intruded.detail()).isEqualTo("another thread got in while the lock was held, once");

        Check callsShort = ReentrantLockPattern.check(wrong, 10, new SharedResource.Tally(9, 0, 0, 9), 0);
        assertThat(callsShort.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(callsShort.detail()).isEqualTo("9 calls of A completed, expected 10");
    }

    @Test
    void nonReentrantCheckIsShownOnlyWhenBWasRefused() {
        Variant wrong = new ReentrantLockPattern().variant("non-reentrant");
        Check refused = ReentrantLockPattern.check(wrong, 10, new SharedResource.Tally(10, 0, 0, 10), 0);
        assertThat(refused.verdict()).isEqualTo(Check.Verdict.DEMONSTRATED);
        assertThat(refused.detail()).startsWith("B was refused the lock its own thread held in 10 of 10 calls");

        Check never = ReentrantLockPattern.check(wrong, 10, new SharedResource.Tally(10, 0, 0, 0), 0);
        assertThat(never.verdict()).isEqualTo(Check.Verdict.NOT_SHOWN);
        assertThat(never.detail()).startsWith("B was refused in none of 10 calls");
    }
}
