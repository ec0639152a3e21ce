package dev.loompatterns.analysis;

import dev.loompatterns.jfr.ShellWord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code virtual-thread-census}: how many virtual threads the recording saw start and end, how
 * many were alive at most, how long they lived; none of which JDK Mission Control's views can show
 * (they key threads on the OS thread id, 0 for every virtual thread). And how long JMC's parser
 * would take to open the file: it is superlinear in the number of virtual threads, measured here
 * (JMC 9.1.2 on a 2-core machine, 2026-11-30): 10,000 in 0.7 s, 30,000 in 1.3 s, 100,000 in 6.3 s,
 * 1,000,000 not loaded after 24 minutes. A copy without the virtual threads' starts and ends opens
 * at once only if no other event names every virtual thread too: a copy of 300,000 virtual threads
 * without their starts and ends, but with the jdk.ThreadSleep each had, took 51 s (2026-12-01, the
 * machine busy with other work), without those too 0.3 s. So the advice is {@code loom inspect
 * --slim}, which leaves out virtual threads' sleeps and parks as well and keeps platform threads',
 * or, without loom, a {@code jfr scrub} that leaves out every sleep and park ({@code slim_command}):
 * it cannot tell virtual threads from platform ones.
 */
final class VirtualThreadCensusRule extends BaseRule {

    static final String ID = "virtual-thread-census";

    VirtualThreadCensusRule() {
        super(ID, "Virtual thread census", "jdk.VirtualThreadStart", "jdk.VirtualThreadEnd");
    }

    /** Alive-count resolution. */
    static final long BUCKET = 10_000_000L;
    /** From this many virtual-thread events, JMC takes seconds to open the file. */
    static final long SLOW_IN_JMC = 100_000;

    /** JMC 9.1.2's parser, measured here: virtual threads in a recording, seconds to load. */
    private static final long[][] JMC_LOAD = {{10_000, 700}, {30_000, 1_300}, {100_000, 6_300}};

    private final LogHistogram lifetimes = new LogHistogram();
    /** Each virtual thread's start and end, by thread id: open ones are alive. */
    private final Pairing threads =
            new Pairing((thread, started, ended) -> lifetimes.add(Math.max(0, ended - started)));
    /** Alive-count changes per {@link #BUCKET}: starts minus ends. */
    private final LongLongMap deltas = new LongLongMap();

    private long starts;
    private long ends;
    private long first = Long.MAX_VALUE;

    @Override
    public void accept(Observation observation) {
        if (observation instanceof Observation.VirtualStart start) {
            starts++;
            first = Math.min(first, start.time());
            threads.open(start.thread().id(), start.time());
            deltas.add(start.time() / BUCKET, 1);
        } else if (observation instanceof Observation.VirtualEnd end) {
            ends++;
            first = Math.min(first, end.time());
            threads.close(end.thread().id(), end.time());
            deltas.add(end.time() / BUCKET, -1);
        }
    }

    @Override
    public Finding finish(Recording recording) {
        if (starts == 0 && ends == 0) {
            return new Finding(
                    ID,
                    Severity.OK,
                    "No jdk.VirtualThreadStart or jdk.VirtualThreadEnd events: no census.",
                    "Record jdk.VirtualThreadStart and jdk.VirtualThreadEnd to count virtual threads (loom's"
                            + " virtual-threads profile does); leave them off for recordings JMC must open quickly.",
                    Map.of("started", 0, "applicable", false));
        }
        long endedUnseen = threads.closedOnly(); // started before the recording
        // alive over time: threads that only ended were alive from the start
        long running = endedUnseen;
        long peak = running;
        long peakAt = first;
        List<Map<String, Object>> series = new ArrayList<>();
        long[] buckets = deltas.sortedKeys();
        // at most 500 points: every step-th bucket from the first (at most 500 with this step), and the
        // last, which is one of them when there are 500
        int step = Math.max(1, (buckets.length + 497) / 499);
        for (int i = 0; i < buckets.length; i++) {
            running += deltas.get(buckets[i], 0);
            if (running > peak) {
                peak = running;
                peakAt = buckets[i] * BUCKET;
            }
            if (i % step == 0 || i == buckets.length - 1) {
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("time", buckets[i] * BUCKET);
                point.put("alive", running);
                series.add(point);
            }
        }
        long events = starts + ends;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("started", starts);
        details.put("ended", ends);
        details.put("alive_at_end", threads.openOnly());
        details.put("ended_without_start", endedUnseen);
        details.put("peak_alive", peak);
        details.put("peak_at", peakAt);
        details.put("lifetime_median_ms", Durations.ms(lifetimes.quantile(0.5)));
        details.put("lifetime_p99_ms", Durations.ms(lifetimes.quantile(0.99)));
        details.put("lifetimes", lifetimes.buckets());
        details.put("alive_over_time", series);
        details.put("jmc_load_estimate", jmcLoad(Math.max(starts, ends)));
        String file = recording.file().isEmpty() ? "FILE.jfr" : recording.file();
        String slim = file.endsWith(".jfr") ? file.substring(0, file.length() - 4) + "-slim.jfr" : file + "-slim.jfr";
        details.put(
                "slim_command",
                "jfr scrub --exclude-events jdk.VirtualThreadStart,jdk.VirtualThreadEnd,jdk.ThreadSleep,jdk.ThreadPark "
                        + ShellWord.of(file) + " " + ShellWord.of(slim));
        String summary = String.format(
                Locale.ROOT,
                "%s started, %s ended, at most %s alive at once; median lifetime %s.",
                Durations.count(starts, "virtual thread"),
                Durations.count(ends),
                Durations.count(peak),
                Durations.words(lifetimes.quantile(0.5)));
        boolean slow = Math.max(starts, ends) >= SLOW_IN_JMC;
        String explanation =
                "JDK Mission Control's thread views cannot tell virtual threads apart (all have OS thread id 0), "
                        + "so these counts are not shown there. "
                        + (slow
                                ? "With " + Durations.count(events) + " virtual-thread events JMC's parser will take "
                                        + details.get("jmc_load_estimate")
                                        + " to open this file, and nearly as long for a copy without them if the"
                                        + " virtual threads' jdk.ThreadSleep and jdk.ThreadPark remain (by default"
                                        + " one for each sleep of 20 ms or more, and each park as long while"
                                        + " pinned), which name each virtual thread too. 'loom inspect --slim'"
                                        + " writes a copy without both, which JMC opens quickly, and keeps platform"
                                        + " threads' sleeps and parks; jfr scrub cannot tell virtual threads from"
                                        + " platform ones, so this drops every thread's: "
                                        + details.get("slim_command")
                                : "JMC opens a file with this many virtual threads in "
                                        + details.get("jmc_load_estimate") + ".");
        return new Finding(ID, slow ? Severity.WARNING : Severity.INFO, summary, explanation, details);
    }

    /** How long JMC 9.1.2's parser took for this many virtual threads, here; interpolated on a log-log scale. */
    static String jmcLoad(long threads) {
        if (threads <= JMC_LOAD[0][0]) {
            return "under a second";
        }
        for (int i = 1; i < JMC_LOAD.length; i++) {
            if (threads <= JMC_LOAD[i][0]) {
                double x0 = Math.log(JMC_LOAD[i - 1][0]);
                double x1 = Math.log(JMC_LOAD[i][0]);
                double y0 = Math.log(JMC_LOAD[i - 1][1]);
                double y1 = Math.log(JMC_LOAD[i][1]);
                double ms = Math.exp(y0 + (Math.log(threads) - x0) * (y1 - y0) / (x1 - x0));
                return String.format(Locale.ROOT, "about %.0f s", Math.max(1, ms / 1000));
            }
        }
        return "minutes or more (100,000 took 6.3 s here, 1,000,000 had not loaded after 24 minutes)";
    }
}
