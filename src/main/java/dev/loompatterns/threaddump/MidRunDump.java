package dev.loompatterns.threaddump;

import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.RunGate;
import dev.loompatterns.core.RunReport;
import dev.loompatterns.core.Runner;
import dev.loompatterns.core.Threads;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.VirtualScheduler;
import dev.loompatterns.core.Workload;
import dev.loompatterns.jfr.AtomicFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A JSON thread dump taken while a pattern's run is under way, made certain, not likely: a
 * {@link RunGate} hold is installed, the run starts on its own thread, and the dump is taken once a
 * task of the run arrives at the gate. Held tasks cannot finish, so every scope and executor around
 * them is still open when the dump is taken; then the hold is released and the run completes and
 * checks itself as usual. A pattern that never calls {@link RunGate#arrive()} runs to its end
 * without being held, and no dump is taken of an idle JVM.
 */
public final class MidRunDump {

    /**
     * @param held   whether a task reached the hold, so the dump was taken mid-run
     * @param report the run's report, once released
     */
    public record Result(boolean held, RunReport report) {}

    /**
     * How long the dump waits, once a task is held, for the virtual-thread scheduler to be quiet; a
     * run whose other tasks keep running (spinning, or sleeping in turn) is dumped when it passes.
     */
    static final Duration QUIET_BACKSTOP = Duration.ofSeconds(1);

    /** The name of the thread the dumped run runs on. */
    public static final String RUN_THREAD = "loom-dump-run";

    private MidRunDump() {}

    /**
     * Runs the pattern, dumps this JVM's threads to {@code file} when a task is held, and returns
     * when the run has ended.
     *
     * @param file an absolute path; the dump is written beside it and moved into place ({@link AtomicFile})
     * @throws Exception what the run threw
     */
    public static Result take(Pattern pattern, Mode mode, Variant variant, Workload workload, Path file)
            throws Exception {
        if (Thread.currentThread().isInterrupted()) {
            // Ctrl-C came first: no run starts while the JVM shuts down (its JFR stream, started then, once
            // crashed the JVM)
            throw new InterruptedException("interrupted before the run started");
        }
        CompletableFuture<RunReport> report = new CompletableFuture<>();
        boolean held;
        try (RunGate.Hold hold = RunGate.hold()) {
            Thread run = Thread.ofPlatform().name(RUN_THREAD).start(() -> {
                try {
                    report.complete(new Runner().run(pattern, mode, variant, workload));
                } catch (Throwable e) {
                    report.completeExceptionally(e);
                } finally {
                    hold.runEnded();
                }
            });
            try {
                held = hold.awaitArrival();
                if (held) {
                    // the held task keeps the run's scopes open; its siblings park or end meanwhile, and a
                    // quiet scheduler makes JDK 25's dump unlikely to crash (VirtualScheduler.awaitIdle)
                    VirtualScheduler.awaitIdle(QUIET_BACKSTOP);
                    AtomicFile.writeNew(file, ThreadDump::write); // whole or not at all, and over no file
                    if (Thread.interrupted()) { // the JDK's write does not stop for it: consumed here, thrown
                        Files.deleteIfExists(file);
                        throw new InterruptedException("interrupted while the dump was written; it is deleted");
                    }
                }
            } catch (Exception | Error e) {
                // the wait took the caller's interrupt in, or the dump could not be written (a full disk): the run is
                // cancelled, not waited for to its end, which took the whole run before the dump's one line
                run.interrupt();
                throw e;
            } finally {
                hold.release();
                Threads.joinAll(List.of(run));
            }
        }
        return new Result(held, outcome(report));
    }

    private static RunReport outcome(CompletableFuture<RunReport> report) throws Exception {
        try {
            return report.get(); // the run thread has been joined: this does not block
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
