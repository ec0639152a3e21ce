package dev.loompatterns.core;

import dev.loompatterns.jfr.ActivityCounter;
import dev.loompatterns.jfr.PatternRunEvent;
import dev.loompatterns.jfr.PinTally;
import dev.loompatterns.jfr.PinTaxonomy;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * Runs a pattern once in a mode, times it, and counts what threads it used.
 *
 * <p>The clock covers only {@link Pattern#run}: the JFR stream that counts virtual threads and
 * pins is started before the clock and stopped after it. Platform threads are counted by
 * {@link PlatformThreadPeak}, {@code ThreadMXBean}'s peak reset before the run; virtual threads are
 * invisible to it, so they are counted from {@code jdk.VirtualThreadStart} events. Pins are told apart by
 * {@link PinTaxonomy}: the pattern's own (its package's code) are counted, those of a class's first
 * use by the JDK or the harness, and JFR's own, apart. Child JVMs that the run starts
 * ({@link ChildJvm}) report their virtual threads and pins, which count with the run's. Each run is wrapped in a
 * {@code loompatterns.PatternRun} JFR event that any active recording picks up.
 *
 * <p>A run that throws is reported as a failed check with the exception's message; an interrupt
 * of the calling thread is passed on as {@link InterruptedException}, and a {@link UsageException}
 * (bad input a pattern finds itself, before it starts work; the CLI asks {@link Pattern#validate} for
 * every cell before the first runs) as itself.
 */
public final class Runner {

    private final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean(); // null without a JIT
    private ChildActivity.Recording childRecording;
    private boolean countVirtualThreads = true;

    /**
     * Whether the following runs count virtual threads ({@code jdk.VirtualThreadStart}); false
     * while a recording's profile leaves that event off, so the count does not put it into the
     * file. {@link RunReport#virtualThreads()} is then -1.
     */
    public void countVirtualThreads(boolean count) {
        this.countVirtualThreads = count;
    }

    /**
     * Makes the child JVMs of the following runs record beside the run's recording with the same
     * settings ({@code <parent>-child-<n>.jfr}); null: they do not record.
     */
    public void recordChildrenBeside(ChildActivity.Recording recording) {
        this.childRecording = recording;
    }

    /** Where the child JVMs of the following runs record, or null. */
    public ChildActivity.Recording childRecording() {
        return childRecording;
    }

    public RunReport run(Pattern pattern, Mode mode, Variant variant, Workload workload) throws InterruptedException {
        if (!pattern.modes().contains(mode)) {
            throw new UsageException("pattern " + pattern.id() + " has no " + mode.id() + " mode");
        }
        PatternRunEvent event = new PatternRunEvent();
        event.pattern = pattern.id();
        event.mode = mode.id();
        event.variant = variant.id();
        event.tasks = pattern.tasks(workload);

        Pattern.Prepared prepared =
                prepareOrFail(pattern, mode, variant, workload); // before the clock and the baseline
        boolean tornDown = false;
        try (ActivityCounter counter = new ActivityCounter(countVirtualThreads).start()) {
            PlatformThreadPeak platformThreads = PlatformThreadPeak.start();
            event.begin();
            long compiledBefore = compiledMillis();
            long start = System.nanoTime();
            Check check;
            long nanos;
            long jitMillis;
            ChildActivity children = new ChildActivity(childRecording);
            try {
                check = ScopedValue.where(ChildActivity.CURRENT, children).call(prepared::run);
            } catch (InterruptedException | UsageException e) {
                throw e; // a usage error found by the pattern (a value its params cannot range-check) is the user's,
                // not a failed check
            } catch (Exception | StackOverflowError | OutOfMemoryError e) {
                check = Check.failed(describe(e));
            } finally {
                nanos = System.nanoTime() - start;
                event.end();
                jitMillis = compiledMillis() - compiledBefore;
            }
            int peak = platformThreads.beyondThoseBefore();
            check = tearDown(prepared, check); // after the clock
            tornDown = true;
            counter.stop();
            event.checkPassed = check.ok();
            event.commit();
            Predicate<String> ownCode = ownCode(pattern);
            return new RunReport(
                    pattern.id(),
                    mode,
                    variant.id(),
                    pattern.tasks(workload),
                    Duration.ofNanos(nanos),
                    // the work of a run done in a child JVM: its threads are there (cpu-hog's 8 hogs)
                    peak + children.peakPlatformThreads(),
                    counter.virtualThreadsStarted() < 0
                            ? -1
                            : counter.virtualThreadsStarted() + children.virtualThreads(),
                    counter.tally(ownCode).plus(PinTally.of(children.pins(), ownCode)),
                    check,
                    Duration.ofMillis(jitMillis),
                    children.recordings());
        } finally {
            if (!tornDown) {
                closeQuietly(prepared); // the run ended by an exception: still close its set-up
            }
        }
    }

    /**
     * The pattern's own classes: its package. A pin while the JDK or the harness ({@code core},
     * {@code jfr}) loads or initializes a class for its first use is set apart from the pattern's.
     */
    static Predicate<String> ownCode(Pattern pattern) {
        return PinTaxonomy.packages(List.of(pattern.getClass().getPackageName() + "."));
    }

    /**
     * The JVM's compilation time so far, summed over its compiler threads, or 0 if the JVM does not
     * measure it. A compilation's time is added when it ends, whole: a difference over a run counts the
     * compilations that ended during it, including their time before it began.
     */
    private long compiledMillis() {
        return compiler != null && compiler.isCompilationTimeMonitoringSupported()
                ? compiler.getTotalCompilationTime()
                : 0;
    }

    /** The pattern's prepared run; a set-up that fails becomes a run that fails with its exception. */
    private static Pattern.Prepared prepareOrFail(Pattern pattern, Mode mode, Variant variant, Workload workload)
            throws InterruptedException {
        // RunGate, which every pattern's tasks call, initialized here: first initialized by a task, the
        // tasks started with it waited on a carrier for its initializer, a class-init-wait pin of loom's own
        // in the run's recording (a first use, set apart, but a pin the run need not make)
        RunGate.initialize();
        try {
            return pattern.prepare(mode, variant, workload);
        } catch (InterruptedException | UsageException e) {
            throw e;
        } catch (Exception e) {
            return () -> {
                throw e;
            };
        }
    }

    private static void closeQuietly(Pattern.Prepared prepared) {
        try {
            prepared.close();
        } catch (Exception ignored) {
            // already reported by tearDown, or the run is ending by an exception of its own
        }
    }

    /** Closes a run's set-up; a failure to close fails a check that had passed. */
    private static Check tearDown(Pattern.Prepared prepared, Check check) throws InterruptedException {
        try {
            prepared.close();
            return check;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return check.ok() ? Check.failed("set-up did not close: " + describe(e)) : check;
        }
    }

    /** One line for an unexpected failure: the exception's type and message, and its cause's. */
    static String describe(Throwable failure) {
        StringBuilder line =
                new StringBuilder("threw ").append(failure.getClass().getSimpleName());
        if (failure.getMessage() != null) {
            line.append(": ").append(failure.getMessage());
        }
        Throwable cause = failure.getCause();
        if (cause != null && cause != failure) {
            line.append(" (cause ").append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                line.append(": ").append(cause.getMessage());
            }
            line.append(')');
        }
        return line.toString();
    }
}
