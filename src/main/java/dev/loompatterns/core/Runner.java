package dev.loompatterns.core;

import dev.loompatterns.jfr.ActivityCounter;
import dev.loompatterns.jfr.PatternRunEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * Runs a pattern once in a mode, times it, and counts what threads it used.
 *
 * <p>The clock covers only {@link Pattern#run}: the JFR stream that counts virtual threads and
 * pins is started before the clock and stopped after it. Platform threads are counted by
 * {@link ThreadMXBean}'s peak (reset before the run); virtual threads are invisible to it, so they
 * are counted from {@code jdk.VirtualThreadStart} events. Each run is wrapped in a
 * {@code loompatterns.PatternRun} JFR event that any active recording picks up.
 *
 * <p>A run that throws is reported as a failed check with the exception's message; an interrupt
 * of the calling thread is passed on as {@link InterruptedException}, and a {@link UsageException}
 * (bad input a pattern finds itself, before it starts work) as itself.
 */
public final class Runner {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    public RunReport run(Pattern pattern, Mode mode, Variant variant, Workload workload) throws InterruptedException {
        if (!pattern.modes().contains(mode)) {
            throw new UsageException("pattern " + pattern.id() + " has no " + mode.id() + " mode");
        }
        PatternRunEvent event = new PatternRunEvent();
        event.pattern = pattern.id();
        event.mode = mode.id();
        event.variant = variant.id();
        event.tasks = workload.tasks();

        Check check;
        long nanos;
        int baseline;
        int peak;
        try (ActivityCounter counter = new ActivityCounter().start()) {
            baseline = threads.getThreadCount();
            threads.resetPeakThreadCount();
            event.begin();
            long start = System.nanoTime();
            try {
                check = pattern.run(mode, variant, workload);
            } catch (InterruptedException | UsageException e) {
                throw e; // a usage error found by the pattern (a value its params cannot range-check) is the user's, not a failed check
            } catch (Exception | StackOverflowError | OutOfMemoryError e) {
                check = Check.failed(describe(e));
            } finally {
                nanos = System.nanoTime() - start;
                event.end();
            }
            peak = threads.getPeakThreadCount();
            counter.stop();
            event.checkPassed = check.ok();
            event.commit();
            return new RunReport(pattern.id(), mode, variant.id(), workload.tasks(), Duration.ofNanos(nanos),
                    Math.max(0, peak - baseline), counter.virtualThreadsStarted(), counter.pins(), check);
        }
    }

    /** One line for an unexpected failure: the exception's type and message, and its cause's. */
    static String describe(Throwable failure) {
        StringBuilder line = new StringBuilder("threw ").append(failure.getClass().getSimpleName());
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
