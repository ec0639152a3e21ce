package dev.loompatterns.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code carrier-hogging}: virtual threads that ran without blocking for long stretches. There
 * is no time slicing for virtual threads: one that computes keeps its carrier until it blocks, and
 * on a small carrier pool everything queued behind it waits. Read from {@code jdk.ExecutionSample}:
 * the same virtual thread sampled again and again, with no gap longer than {@link #GAP}, was
 * running all that time. Samples come every 10 to 20 ms with the JDK's profiles; a thread that
 * blocks briefly between samples looks continuous, so the stretches are upper bounds.
 */
final class CarrierHoggingRule extends BaseRule {

    static final String ID = "carrier-hogging";

    CarrierHoggingRule() {
        super(ID, "Carrier hogging", "jdk.ExecutionSample");
    }

    /** Samples further apart than this end a stretch. */
    static final long GAP = 100_000_000L;
    /** A stretch from this long is reported. */
    static final long REPORTED = 100_000_000L;
    /** A stretch from this long is a warning: everything queued behind it waited as long. */
    static final long WARNED = 500_000_000L;

    private static final class Stretches {
        final Observation.ThreadRef thread;
        long runStart;
        long last = Long.MIN_VALUE;
        long longest;
        long longestStart;
        long samples;
        final Map<String, Long> frames = new HashMap<>();

        Stretches(Observation.ThreadRef thread) {
            this.thread = thread;
        }
    }

    private final Map<Long, Stretches> threads = new HashMap<>();
    private long virtualSamples;
    private long samples;

    @Override
    public void accept(Observation observation) {
        if (!(observation instanceof Observation.Sample sample)) {
            return;
        }
        samples++;
        if (!sample.thread().virtual()) {
            return;
        }
        virtualSamples++;
        Stretches s = threads.computeIfAbsent(sample.thread().id(), id -> new Stretches(sample.thread()));
        s.samples++;
        if (s.frames.size() < 8 || s.frames.containsKey(sample.topFrame())) {
            s.frames.merge(sample.topFrame(), 1L, Long::sum);
        }
        long t = sample.time();
        if (s.last == Long.MIN_VALUE || t < s.last || t - s.last > GAP) {
            s.runStart = t; // a new stretch (out-of-order samples start one too)
        }
        s.last = Math.max(s.last, t);
        long run = s.last - s.runStart;
        if (run > s.longest) {
            s.longest = run;
            s.longestStart = s.runStart;
        }
    }

    @Override
    public Finding finish(Recording recording) {
        if (samples == 0) {
            return new Finding(
                    ID,
                    Severity.OK,
                    "No execution samples in this recording: carrier hogging cannot be seen.",
                    "Record jdk.ExecutionSample (the JDK's default and profile settings do) to see CPU-bound virtual"
                            + " threads.",
                    Map.of("samples", 0, "applicable", false));
        }
        List<Stretches> hogs = threads.values().stream()
                .filter(s -> s.longest >= REPORTED)
                .sorted(Comparator.comparingLong((Stretches s) -> s.longest).reversed())
                .toList();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("samples", samples);
        details.put("virtual_thread_samples", virtualSamples);
        details.put("virtual_threads_sampled", threads.size());
        List<Map<String, Object>> listed = new ArrayList<>();
        for (Stretches s : hogs.subList(0, Math.min(20, hogs.size()))) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("thread", s.thread.label());
            one.put("longest_run_ms", Durations.ms(s.longest));
            one.put("start", s.longestStart);
            one.put("samples", s.samples);
            one.put(
                    "top_frame",
                    s.frames.entrySet().stream()
                            .max(Map.Entry.comparingByValue())
                            .map(Map.Entry::getKey)
                            .orElse("?"));
            listed.add(one);
        }
        details.put("threads", listed);
        if (hogs.isEmpty()) {
            return new Finding(
                    ID,
                    Severity.OK,
                    "No virtual thread ran for " + Durations.words(REPORTED) + " or more without blocking.",
                    "",
                    details);
        }
        Stretches worst = hogs.getFirst();
        Severity severity = worst.longest >= WARNED ? Severity.WARNING : Severity.INFO;
        return new Finding(
                ID,
                severity,
                String.format(
                        java.util.Locale.ROOT,
                        hogs.size() == 1
                                ? "%s ran %s or more without blocking: %s, whose longest stretch ran %s at %s."
                                : "%s ran %s or more without blocking; the longest, %s, ran %s at %s.",
                        Durations.count(hogs.size(), "virtual thread"),
                        Durations.words(REPORTED),
                        worst.thread.label(),
                        Durations.words(worst.longest),
                        listed.getFirst().get("top_frame")),
                "Virtual threads are not time-sliced: one that computes keeps its carrier until it blocks, and with"
                    + " few carriers (one per core by default) every virtual thread queued behind it waits that long."
                    + " Run CPU-bound work on a bounded pool of platform threads sized to the cores and wait for it"
                    + " from the virtual thread, or break it up (Thread.yield() between steps). Stretches are read"
                    + " from execution samples, so they are approximate.",
                details);
    }
}
