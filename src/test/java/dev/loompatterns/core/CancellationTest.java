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
import java.util.stream.Stream;
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
     * started over when interrupted). With these, a run that ends must have ended on the interrupt. Race's latency,
     * pinning's sleep-ms and scheduling's hog-ms top out at 10 s, so those runs take 10 s or more (scheduling's
     * platform hogs spin their 10 s side by side). Timer's fixed-rate ticks 20 times, so 3 s a period is a minute.
     *
     * <p>Keyed by id for a pattern of one variant, and by id and variant for each variant the knob lengthens of a
     * pattern of several ({@link #everyLongRunNamesAPatternVariantAndParametersThatExist}), so that no variant is
     * asked to end on the interrupt for a knob that does not lengthen it. Left out, and so only asked to end: race's
     * all-fail (its mirrors fail 0 to 3 ms after they start, whatever the latency), pinning's class-init (its
     * initializer sleeps a fixed 20 ms), scheduling's file-io and metrics (no knob of a minute), and scheduling's
     * queueing-delay, whose work-ms, 1 s a task at its most, gives a platform run of about a second, where one that
     * ended before a late interrupt would read as one that ignored it. Keyed by the pattern alone, race's all-fail and
     * pinning's class-init were held to ending on the interrupt with runs of a few milliseconds: they passed because
     * the interrupt came while they waited, and would have failed a run that was over before it came.
     */
    static final Map<String, Map<String, String>> LONG = Stream.of(
                    knob("thread-basics", Map.of("sleep-ms", "60000")),
                    knob("semaphore-pool", Map.of("hold-ms", "60000"), "semaphore", "pool-size"),
                    knob("event-signal", Map.of("timeout-ms", "60000"), "resettable", "latch"),
                    knob(
                            "url-fetch",
                            Map.of("latency-ms", "60000", "timeout-ms", "120000"),
                            "default",
                            "faults",
                            "faults-fail-fast"),
                    knob("task-queue", Map.of("work-us", "1000000"), "clean", "consumer-fails", "cancelled"),
                    knob("race", Map.of("latency-ms", "10000"), "first-success"),
                    knob("deadline", Map.of("budget-ms", "60000", "fast-ms", "60000")),
                    knob(
                            "pinning",
                            Map.of("sleep-ms", "10000"),
                            "ffm-upcall",
                            "synchronized",
                            "synchronized-jdk21",
                            "reentrant-lock"),
                    knob("scheduling", Map.of("hog-ms", "10000"), "cpu-hog", "yield", "offload"),
                    knob("backpressure", Map.of("work-ms", "60000"), "shed", "wait"),
                    knob("timer", Map.of("delay-ms", "60000"), "once", "cancel"),
                    knob("timer", Map.of("period-ms", "3000"), "fixed-rate"),
                    knob("timer", Map.of("block-ms", "60000"), "blocking-actions"))
            .flatMap(entries -> entries)
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    /**
     * {@link #LONG}'s entries for one knob: keyed {@code id} where no variant is given (a pattern of one variant),
     * else {@code id variant} for each variant it lengthens.
     */
    private static Stream<Map.Entry<String, Map<String, String>>> knob(
            String id, Map<String, String> parameters, String... variants) {
        return variants.length == 0
                ? Stream.of(Map.entry(id, parameters))
                : Arrays.stream(variants).map(variant -> Map.entry(id + " " + variant, parameters));
    }

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
     * only asked to end (a review). A key without a variant names a pattern of one variant: keyed by the pattern
     * alone, every variant was asked to end on the interrupt, those the knob does not lengthen too (race's all-fail,
     * pinning's class-init), and so would a variant added later.
     */
    @org.junit.jupiter.api.Test
    void everyLongRunNamesAPatternVariantAndParametersThatExist() {
        Catalogue catalogue = Catalogue.load();
        LONG.forEach((key, parameters) -> {
            String[] words = key.split(" ");
            Pattern pattern = catalogue.find(words[0]);
            if (words.length > 1) {
                assertThat(pattern.variants()).as(key).extracting(Variant::id).contains(words[1]);
            } else {
                assertThat(pattern.variants())
                        .as("%s has several variants: key each one its knob lengthens, '%s VARIANT'", key, key)
                        .hasSize(1);
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
