package dev.loompatterns.scheduling;

import dev.loompatterns.core.AbstractPattern;
import dev.loompatterns.core.ByMode;
import dev.loompatterns.core.Check;
import dev.loompatterns.core.ChildJvm;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.PatternInfo;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.VirtualScheduler;
import dev.loompatterns.core.Workload;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Catalogue entry for {@code scheduling}; see the package documentation. */
public final class SchedulingPattern extends AbstractPattern {

    /**
     * From 100 ms: a probe that is not starved must run while a hog still runs, and a loaded machine's scheduling can
     * keep a runnable thread waiting 5 to 45 ms (seen beside two busy loops). From 10 ms, and a line at half the hogs'
     * run, 5 ms for one hog, offload and platform cpu-hog failed in 9 of 46 such runs (a helper's hunt, 2026-12-07).
     */
    static final Param HOG_MS =
            Param.ofInt("hog-ms", "cpu-hog, yield, offload: how long each task spins", 100, 100, 10_000);

    static final Param WORK_MS = Param.ofInt("work-ms", "queueing-delay: how long each task spins", 5, 1, 1_000);

    /** Tasks one run may have: cpu-hog runs them one after another on one carrier. */
    static final int MAX_TASKS = 10_000;

    static final PatternInfo INFO = PatternInfo.fromCatalogue("scheduling")
            .params(HOG_MS, WORK_MS)
            .maxTasks(MAX_TASKS)
            .build();

    /**
     * Platform: a platform thread per task, time-sliced by the OS; virtual: a virtual thread per task,
     * started from a virtual starter so each queues on its carrier, which a task keeps until it blocks or
     * ends; structured: a fork per task, forked inside an outer scope's subtask and scheduled exactly as a
     * virtual thread.
     */
    static final ByMode<Form> FORMS =
            new ByMode<>(PlatformScheduling::new, VirtualScheduling::new, StructuredScheduling::new);

    /**
     * Runs {@code tasks} tasks of the variant in the mode's form (the starvation variants in a child JVM with
     * one carrier) and checks the measurement against the pattern's explanation: whether a probe starved
     * behind spinning hogs, how many tasks the scheduler bean saw mounted and queued, file reads that held
     * carriers with no pin event, or how long tasks queued before their first mount.
     */
    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        int tasks = workload.tasks();
        return switch (variant.id()) {
            case "cpu-hog", "yield", "offload" -> {
                Duration hogRun = workload.millis(HOG_MS);
                String how = variant.id().equals("cpu-hog") ? "spin" : variant.id();
                yield checkChild(mode, how, tasks, hogRun, StarvationChild.run(mode, tasks, hogRun, how));
            }
            case "file-io" -> checkFileReads(mode, tasks, FileReads.measure(mode, tasks));
            case "metrics" -> checkMetrics(mode, tasks, SchedulerMetrics.measure(mode, tasks));
            case "queueing-delay" ->
                checkQueueing(
                        mode,
                        tasks,
                        VirtualScheduler.bean().getParallelism(),
                        workload.millis(WORK_MS),
                        QueueingDelay.measure(mode, tasks, workload.millis(WORK_MS)));
            default -> throw new IllegalArgumentException("no scheduling variant " + variant.id());
        };
    }

    /**
     * Reads what the starvation child printed: a child that failed, or whose scheduler did not have
     * the one carrier the virtual forms' explanation rests on, fails; otherwise whether the probe ran
     * before the last hog ended is checked for the variant ({@code spin}, {@code yield} or {@code offload}),
     * and its delay is said.
     */
    static Check checkChild(Mode mode, String how, int hogs, Duration hogRun, ChildJvm.Result child) {
        String delay = child.value(StarvationChild.PROBE_DELAY_NS);
        String lead = child.value(StarvationChild.PROBE_LEAD_NS);
        if (child.exitCode() != 0 || delay == null || lead == null) {
            return Check.failed("child JVM exited " + child.exitCode() + ": "
                    + child.stderr().strip());
        }
        String carriers = child.value(StarvationChild.CARRIERS);
        if (mode != Mode.PLATFORM && !"1".equals(carriers)) {
            return Check.failed("child JVM's scheduler had " + carriers + " carriers, expected 1 ("
                    + StarvationChild.ONE_CARRIER + ")");
        }
        ProbeWait probe = ProbeWait.of(
                Duration.ofNanos(Long.parseLong(delay)),
                Duration.ofNanos(Long.parseLong(lead)),
                hogs,
                how.equals("yield") ? "yielding hog" : "hog",
                hogRun);
        return how.equals("offload")
                ? checkOffload(mode, probe, Integer.parseInt(child.value(StarvationChild.POOL)))
                : checkStarvation(
                        mode, how.equals("yield"), probe, Long.parseLong(child.value(StarvationChild.YIELDS)));
    }

    /**
     * A spinning virtual thread keeps its only carrier, so the probe waits for every hog, one after
     * another; platform threads are time-sliced by the OS, and yielding hogs let the probe in, so
     * there it runs while they still run. The order decides, not a length of time: a probe that ran
     * before the last hog ended was not starved, one that ran only after was, however loaded the
     * machine (a delay against a line, half the hogs' run, failed beside busy loops). For {@code cpu-hog} the flaw
     * is a starved probe: shown when the probe behind virtual hogs was starved, not shown on
     * platform threads, which the OS time-slices. The opposite results fail: a probe not starved
     * behind virtual hogs, or starved behind platform ones, contradicts the pattern's explanation.
     */
    static Check checkStarvation(Mode mode, boolean yield, ProbeWait probe, long yields) {
        if (mode == Mode.PLATFORM) {
            String detail =
                    probe.waited() + " (platform threads: the OS slices time" + (yield ? ", yield or not" : "") + ")";
            return probe.starved()
                    ? Check.failed(detail + probe.expectedBefore())
                    : yield
                            ? Check.passed(detail)
                            : Check.notShown(
                                    probe.waited() + ": not starved, because the OS slices time for platform threads");
        }
        if (yield) {
            // a hog leaves the one carrier only at a yield or at its end: a probe that ran before the
            // last hog ended got in at a yield
            String detail = probe.waited() + ", one carrier, " + yields + " Thread.yield() calls";
            return Check.expect(
                    !probe.starved() && yields > 0,
                    detail,
                    ": a yield let it in before the hogs ended",
                    probe.starved() ? probe.expectedBefore() : "; expected at least one yield call");
        }
        String detail = probe.waited() + ", one carrier";
        return probe.starved()
                ? Check.demonstrated(detail + ": no time slicing, the probe ran when the hogs ended")
                : Check.failed(detail + "; expected only after the hogs ended (no time slicing), but it ran "
                        + ms(probe.lead()) + " before the last ended");
    }

    /**
     * Offloaded hogs wait on futures while a pool of platform threads computes: a virtual thread
     * that waits unmounts, so the one carrier is free and the probe runs at once, as with platform
     * threads: it runs before the last hog has ended.
     */
    static Check checkOffload(Mode mode, ProbeWait probe, int poolSize) {
        String detail = probe.waited() + " handed to a pool of " + poolSize + " platform threads"
                + (mode == Mode.PLATFORM ? "" : ", one carrier");
        String why = mode == Mode.PLATFORM
                ? ""
                : ": each hog waited on its future, unmounted, and left the carrier to the probe";
        return Check.expect(!probe.starved(), detail, why, probe.expectedBefore());
    }

    /**
     * How long a probe waited behind the hogs, whether it ran before the last of them ended, and the words a check
     * says it in.
     *
     * @param lead   the last hog's end less the probe's first run: zero or less where the probe ran only once every
     *               hog had ended
     * @param waited "probe waited ... behind ... of ... ms", how each starvation check's detail opens
     */
    record ProbeWait(Duration lead, String waited) {

        /** @param hog a hog's name in the text, "hog" or "yielding hog", made plural unless there is one */
        static ProbeWait of(Duration delay, Duration lead, int hogs, String hog, Duration hogRun) {
            return new ProbeWait(
                    lead,
                    String.format(
                            Locale.ROOT,
                            "probe waited %s behind %s of %d ms",
                            ms(delay),
                            Check.count(hogs, hog),
                            hogRun.toMillis()));
        }

        /** Whether the probe ran only once every hog had ended: behind the hogs' run, not a time slice. */
        boolean starved() {
            return !lead.isPositive();
        }

        /** What a check that wanted the probe not starved adds when it was. */
        String expectedBefore() {
            return "; expected to run before the last hog ended, but it ran " + ms(lead.negated()) + " after";
        }
    }

    /**
     * Virtual and structured: as many tasks mounted as there are carriers (the bean counts every
     * virtual thread of the JVM, so at least), and the rest queued: every task counted, mounted or
     * queued. Platform: every task is a platform thread, and the bean is read only once all of them
     * are seen spinning ({@link SchedulerMetrics#measure}); it must say fewer mounted and queued
     * together than the tasks, so a bean that counted them as it counts virtual threads (8 tasks on 2
     * cores: 2 on the carriers, the other 6 waiting) fails. On JDK 25 "mounted" is the scheduler
     * pool's busy-worker count ({@code ForkJoinPool.getActiveThreadCount()}), which can include
     * carriers still looking for work after an earlier virtual run in the same JVM (as in {@code
     * loom compare}); so the platform measurement first waits until no virtual thread is mounted or
     * queued ({@link SchedulerMetrics#IDLE_BACKSTOP} at most), and starts none itself: what the bean
     * counts during the reading does not depend on how the OS schedules the tasks, nor on how many
     * carriers there are against the tasks.
     */
    static Check checkMetrics(Mode mode, int tasks, SchedulerMetrics.Reading reading) {
        String read = String.format(
                Locale.ROOT,
                "VirtualThreadSchedulerMXBean mid-run: parallelism %d, %d carriers, %d mounted, %d queued",
                reading.parallelism(),
                reading.poolSize(),
                reading.mounted(),
                reading.queued());
        if (mode == Mode.PLATFORM) {
            return Check.expect(
                    reading.mounted() + reading.queued() < tasks,
                    read,
                    ": it does not count the " + tasks + " spinning platform threads",
                    "; expected fewer mounted and queued than the " + tasks + " spinning platform threads");
        }
        int carriers = Math.min(tasks, reading.parallelism());
        long waiting = tasks - carriers;
        boolean ok = reading.mounted() >= carriers && reading.queued() >= waiting;
        return Check.expect(
                ok,
                read,
                ": the " + carriers + " running tasks, and the " + waiting + " waiting for a carrier",
                "; expected at least " + carriers + " mounted and " + waiting + " queued of " + tasks
                        + " CPU-bound tasks");
    }

    static Check checkFileReads(Mode mode, int tasks, FileReads.Measurement result) {
        String detail = String.format(
                Locale.ROOT,
                "%d file reads (jdk.FileRead) held %s for %s in all, %d pins%s",
                result.reads(),
                mode == Mode.PLATFORM ? "their platform threads" : "their carriers",
                ms(result.readTime()),
                result.pins(),
                result.unnamed() == 0
                        ? ""
                        : " (" + result.unnamed() + " reads' thread not named by JFR's live stream, which loses some"
                                + " short-lived virtual threads' names)");
        // each task reads the whole file a chunk at a time: FILE_BYTES / CHUNK full reads (and one at the end of file)
        long minReads = (long) tasks * (FileReads.FILE_BYTES / FileReads.CHUNK);
        // a read whose thread the stream did not name is on no platform thread known, and is not known to be virtual
        boolean threads =
                mode == Mode.PLATFORM ? result.virtual() == 0 : result.virtual() + result.unnamed() == result.reads();
        boolean ok = result.reads() >= minReads && threads && result.pins() == 0;
        return Check.expect(
                ok,
                detail,
                mode == Mode.PLATFORM ? "" : ": no pin event, yet the carrier was held",
                "; expected at least " + minReads + " reads, " + (mode == Mode.PLATFORM ? "none" : "all")
                        + " on virtual threads, 0 pins");
    }

    static Check checkQueueing(Mode mode, int tasks, int carriers, Duration work, List<QueueingDelay.Task> measured) {
        if (measured.size() != tasks) {
            return Check.failed("TaskSubmitted/TaskStarted pairs for " + measured.size() + " of " + tasks + " tasks");
        }
        QueueingDelay.Task longest = measured.stream()
                .max(Comparator.comparing(QueueingDelay.Task::delay))
                .orElseThrow();
        boolean negative = measured.stream().anyMatch(task -> task.delay().isNegative());
        String detail = String.format(
                Locale.ROOT,
                "longest queueing delay %s (taskId %d in the recording, of %d tasks)",
                ms(longest.delay()),
                longest.id(),
                tasks);
        if (negative) {
            return Check.failed(detail + "; a task started before it was submitted");
        }
        if (mode == Mode.PLATFORM) {
            return Check.passed(detail + ": the OS slices time, so a thread waits for a slice, not for a task to end");
        }
        String start = longest.virtualStart() == null
                ? ""
                : ", its jdk.VirtualThreadStart came "
                        + ms(Duration.between(longest.submitted(), longest.virtualStart())) + " after submission";
        detail += " on " + carriers + " carriers" + start;
        if (tasks <= carriers) {
            return Check.passed(detail + " (no more tasks than carriers: nothing had to queue)");
        }
        // Spinning tasks hold their carriers until their spin of `work` ends (no time slicing), so of any
        // carriers + 1 tasks in start order the last started only after one of the others had ended: their
        // starts span at least `work`, and a busy machine only lengthens a spin. Half of it is the line,
        // room for JFR's clock, which stamps the starts, against System.nanoTime, which times the spin.
        Duration closest = QueueingDelay.closestSpan(
                measured.stream().map(QueueingDelay.Task::started).toList(), carriers + 1);
        Duration line = work.dividedBy(2);
        detail += String.format(Locale.ROOT, "; closest %d starts %s apart", carriers + 1, ms(closest));
        return Check.expect(
                closest.compareTo(line) >= 0,
                detail,
                ": the last of them waited for a " + work.toMillis() + " ms spin to end",
                "; expected at least " + ms(line) + ": more tasks ran at once than there are carriers");
    }

    private static String ms(Duration duration) {
        return String.format(Locale.ROOT, "%.1f ms", duration.toNanos() / 1e6);
    }
}
