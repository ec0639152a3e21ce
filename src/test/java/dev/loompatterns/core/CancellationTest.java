package dev.loompatterns.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.loompatterns.cli.LoomCli;
import dev.loompatterns.engine.Cancellation;
import dev.loompatterns.testing.LiveThreads;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pattern, interrupted while it waits for its workers, ends and leaves no thread behind: the
 * property {@code loom}'s Ctrl-C handling relies on. Interrupted as {@code loom} does it
 * ({@link Cancellation#interruptUntilEnded}): once, then again while it waits, since JDK code on a
 * run's path can consume an interrupt. So this shows that a cancelled run ends, not that one
 * interrupt always suffices: before, with one interrupt, many runs lost it and ran to their end
 * instead (the class took 17 to 28 s; now 8 to 11 s).
 *
 * <p>How soon it ends is not asserted: {@code loom} gives a run {@link LoomCli#CANCEL_GRACE_MILLIS}
 * after Ctrl-C, and a run here ends in well under that, but a bound on elapsed time would pass or
 * fail with the load on the machine. The wait for the end is a backstop, below the test's timeout
 * so that a run that does not end is reported with its stack.
 */
class CancellationTest {

    /** How long the test interrupts a run that has not ended before it reports it: a backstop only. */
    static final Duration BACKSTOP = Duration.ofSeconds(30);

    /**
     * Parameters that make a pattern's run take a minute or more if nothing stops it, where it has such a knob: a
     * run that swallowed the interrupt and ran to its end passed before, its default run being over in a second (a
     * review, with a thread-basics that slept again when interrupted; a helper's hunt, with an event-signal that
     * started over when interrupted). With these, a run that ends must have ended on the interrupt. Race's latency
     * and scheduling's hog-ms top out at 10 s, so those runs take 10 s or more (scheduling's platform hogs spin
     * their 10 s side by side). Timer's fixed-rate ticks 20 times, so 3 s a period is a minute. Keyed by id, or by
     * id and variant where a knob lengthens only some variants (scheduling's hog-ms: its other variants, file-io,
     * metrics and queueing-delay, would be held to ending on the interrupt with runs of a second). Scheduling's
     * work-ms (queueing-delay) is left out: at its most, 1 s a task, a platform run lasts about a second, and one
     * that ended before a late interrupt would read as one that ignored it.
     */
    static final Map<String, Map<String, String>> LONG = Map.ofEntries(
            Map.entry("thread-basics", Map.of("sleep-ms", "60000")),
            Map.entry("semaphore-pool", Map.of("hold-ms", "60000")),
            Map.entry("event-signal", Map.of("timeout-ms", "60000")),
            Map.entry("backpressure", Map.of("work-ms", "60000")),
            Map.entry("deadline", Map.of("budget-ms", "60000", "fast-ms", "60000")),
            Map.entry("race", Map.of("latency-ms", "10000")),
            Map.entry("pinning", Map.of("sleep-ms", "10000")),
            Map.entry("scheduling cpu-hog", Map.of("hog-ms", "10000")),
            Map.entry("scheduling yield", Map.of("hog-ms", "10000")),
            Map.entry("scheduling offload", Map.of("hog-ms", "10000")),
            Map.entry("timer", Map.of("delay-ms", "60000", "block-ms", "60000", "period-ms", "3000")),
            Map.entry("url-fetch", Map.of("latency-ms", "60000", "timeout-ms", "120000")),
            Map.entry("task-queue", Map.of("work-us", "1000000")));

    /**
     * How long the test waits, after a failure, for the run's thread before it reports the failure anyway; a
     * thread still running then is left running, and the failure says so.
     */
    private static final Duration LEFT_RUNNING_BACKSTOP = Duration.ofSeconds(5);

    private static final Set<Thread.State> WAITING_FOR_WORKERS =
            EnumSet.of(Thread.State.WAITING, Thread.State.TIMED_WAITING, Thread.State.BLOCKED);

    /**
     * Every key of {@link #LONG} names a pattern of the catalogue, and a variant of it where it names one, and its
     * parameters are that pattern's, in range: a misspelt or renamed key would leave its cells short, passing as runs
     * only asked to end (a review).
     */
    @org.junit.jupiter.api.Test
    void everyLongRunNamesAPatternVariantAndParametersThatExist() {
        Catalogue catalogue = Catalogue.load();
        LONG.forEach((key, parameters) -> {
            String[] words = key.split(" ");
            Pattern pattern = catalogue.find(words[0]);
            if (words.length > 1) {
                assertThat(pattern.variants()).as(key).extracting(Variant::id).contains(words[1]);
            }
            // resolve refuses a parameter the pattern has not, or a value out of its range
            assertThat(Workload.resolve(pattern, Mode.VIRTUAL, null, parameters).given())
                    .as(key)
                    .containsAll(parameters.keySet());
        });
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("dev.loompatterns.core.CatalogueRunsTest#cells")
    @Timeout(120)
    void anInterruptedRunStopsAndLeavesNoThread(String id, Mode mode, String variantId) throws Exception {
        Pattern pattern = Catalogue.load().find(id);
        Map<String, String> longRun = LONG.getOrDefault(id + " " + variantId, LONG.getOrDefault(id, Map.of()));
        Workload workload = Workload.resolve(pattern, mode, null, longRun);
        Set<Long> before = LiveThreads.ids(LiveThreads.snapshot());

        CompletableFuture<RunReport> outcome = new CompletableFuture<>();
        Thread run = Thread.ofPlatform().name("cancelled-run").start(() -> {
            try {
                outcome.complete(new Runner().run(pattern, mode, pattern.variant(variantId), workload));
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        String stillRunning = null;
        try {
            // Mid-run: the run's thread is blocked, waiting for its workers (or the run already ended).
            dev.loompatterns.testing.Background.awaitUntil(
                    () -> WAITING_FOR_WORKERS.contains(run.getState()) || !run.isAlive());
            // as loom's Ctrl-C does: interrupted, and again until it ends
            if (!Cancellation.interruptUntilEnded(run, BACKSTOP, () -> !run.isAlive())) {
                // every thread, virtual ones too: the run's own stack does not show what it waits for
                stillRunning = String.format(
                        "%s %s %s still running %s after the interrupt, at%n%s%nAll threads:%n%s",
                        id,
                        mode,
                        variantId,
                        BACKSTOP,
                        Arrays.stream(run.getStackTrace())
                                .map(frame -> "    " + frame)
                                .collect(Collectors.joining(System.lineSeparator())),
                        LiveThreads.textDump());
            }
        } finally {
            run.interrupt(); // not left running when an assertion below fails, if it can be helped
            // bounded, so that a run that never ends is reported by the assertion below, not by the timeout
            run.join(LEFT_RUNNING_BACKSTOP);
        }
        if (stillRunning != null) {
            String left = run.isAlive()
                    ? String.format(
                            "%nLeft running: '%s' outlived one more interrupt and %s; the cells after this one may fail"
                                    + " for what it does next.",
                            run.getName(), LEFT_RUNNING_BACKSTOP)
                    : "";
            fail(stillRunning + left);
        }

        try {
            RunReport report = outcome.get(0, TimeUnit.SECONDS);
            assertThat(longRun)
                    .as("%s %s %s ran to its end though interrupted: %s", id, mode, variantId, report.check())
                    .isEmpty();
            // It finished before the interrupt took effect, or finished its work and said so.
            assertThat(report.check().verdict()).as(report.check().detail()).isNotEqualTo(Check.Verdict.FAILED);
        } catch (ExecutionException e) {
            assertThat(e.getCause())
                    .as("a cancelled run ends with InterruptedException")
                    .isInstanceOf(InterruptedException.class);
        }
        LiveThreads.assertNothingLeftSince(before, id + " " + mode + " " + variantId);
    }
}
