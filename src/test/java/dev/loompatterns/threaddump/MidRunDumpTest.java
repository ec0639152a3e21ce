package dev.loompatterns.threaddump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.PatternInfo;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import dev.loompatterns.testing.Background;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60) // backstop only
class MidRunDumpTest {

    /**
     * A pattern that waits until it is interrupted: before any task reaches the hold, or, if {@code arrives}, once its
     * task has reached it (held, then after).
     */
    private record WaitsForACancel(CountDownLatch waiting, AtomicBoolean cancelled, boolean arrives)
            implements Pattern {
        WaitsForACancel(boolean arrives) {
            this(new CountDownLatch(1), new AtomicBoolean(), arrives);
        }

        @Override
        public PatternInfo info() {
            return PatternInfo.of(99, "waits-for-a-cancel", "waits for a cancel", "none", 1)
                    .build();
        }

        @Override
        public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
            waiting.countDown();
            try {
                if (arrives) {
                    dev.loompatterns.core.RunGate.arrive(); // held: an interrupt here ends the hold's wait
                }
                new CountDownLatch(1).await(); // BLOCKS-UNTIL: interrupted
            } catch (InterruptedException e) {
                cancelled.set(true);
                throw e;
            }
            return Check.passed("not cancelled");
        }
    }

    /**
     * The caller interrupted while it waits for a task to reach the hold: its run is cancelled with
     * it, and take() throws once the run has ended. On the old code the interrupt was consumed by the
     * wait for an arrival and the run was never told: take() waited for it until the backstop.
     */
    @Test
    void anInterruptedCallerCancelsItsRun(@TempDir Path dir) throws Exception {
        WaitsForACancel pattern = new WaitsForACancel(false);
        Thread caller = Thread.currentThread();
        AtomicBoolean done = new AtomicBoolean(); // the caller is past take(): its waits are no longer take()'s
        Thread interrupter = Thread.ofPlatform().name("interrupter").start(() -> {
            try {
                pattern.waiting().await();
                Background.awaitUntil(() -> waitsInAwaitArrival(caller) || done.get());
            } catch (InterruptedException e) {
                return;
            }
            if (!done.get()) {
                caller.interrupt();
            }
        });
        try {
            assertThatThrownBy(() -> take(pattern, dir)).isInstanceOf(InterruptedException.class);
        } finally {
            done.set(true);
            interrupter.interrupt(); // if it still waits: the run never started
            interrupter.join();
            Thread.interrupted(); // not left set for the next test
        }
        assertThat(pattern.cancelled()).as("the run's task saw the interrupt").isTrue();
        assertThat(dir.resolve("dump.json"))
                .as("no dump of a run that was not held")
                .doesNotExist();
    }

    /**
     * A dump that cannot be written (its folder gone, a full disk) cancels the held run, as an interrupt does: the
     * run was released and waited for to its end before the error's one line (a review, by reading).
     */
    @Test
    void aDumpThatCannotBeWrittenCancelsTheRun(@TempDir Path dir) {
        WaitsForACancel pattern = new WaitsForACancel(true);

        assertThatThrownBy(() -> take(pattern, dir.resolve("gone"))).isInstanceOf(java.io.IOException.class);
        assertThat(pattern.cancelled()).as("the run's task saw the interrupt").isTrue();
    }

    /**
     * Whether {@code thread} waits, with {@link dev.loompatterns.core.RunGate}'s {@code awaitArrival} on its stack:
     * not in some other wait of take() (a WAITING state alone was taken for it).
     */
    private static boolean waitsInAwaitArrival(Thread thread) {
        Thread.State state = thread.getState();
        return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
                && java.util.Arrays.stream(thread.getStackTrace())
                        .anyMatch(frame -> frame.getMethodName().equals("awaitArrival"));
    }

    /**
     * A caller interrupted before it calls take() (Ctrl-C came first) starts no run: a run started while the
     * JVM shuts down starts a JFR stream, and that once crashed the JVM. Before, the run started regardless.
     */
    @Test
    void aCallerInterruptedBeforehandStartsNoRun(@TempDir Path dir) {
        WaitsForACancel pattern = new WaitsForACancel(false);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> take(pattern, dir))
                    .isInstanceOf(InterruptedException.class)
                    .hasMessageContaining("before the run started");
        } finally {
            Thread.interrupted(); // not left set for the next test
        }
        assertThat(pattern.waiting().getCount()).as("the run never started").isEqualTo(1);
        assertThat(dir).isEmptyDirectory();
    }

    /** {@link MidRunDump#take} of the pattern in virtual mode, by default, to {@code dump.json} in {@code dir}. */
    private static MidRunDump.Result take(Pattern pattern, Path dir) throws Exception {
        return MidRunDump.take(
                pattern,
                Mode.VIRTUAL,
                Variant.DEFAULT,
                Workload.resolve(pattern, Mode.VIRTUAL, null, Map.of()),
                dir.resolve("dump.json"));
    }
}
