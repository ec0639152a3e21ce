package dev.loompatterns.analysis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code carrier-hogging}: virtual threads seen holding their carriers for long stretches. There is
 * no time slicing for virtual threads: one that computes keeps its carrier until it blocks in a way
 * that releases it, and on a small carrier pool everything queued behind it waits.
 *
 * <p><b>A stretch</b> is a run of one virtual thread's {@code jdk.ExecutionSample}s, in time order,
 * with none more than {@link #GAP} after the one before and no block that released the carrier
 * between two of them; where the settings give the sampler's period, the longest part of it in which
 * the thread was sampled in at least one in {@link #ONE_PERIOD_IN} periods ({@link Sampler}): a
 * thread that waits on a queue or a lock unmounts with no event on JDK 25, and only the sparseness
 * of its samples shows it. Samples come every 10 to 20 ms with the JDK's profiles; a stretch lasts
 * from its first sample to its last.
 *
 * <p><b>Which blocks release the carrier</b> ({@link #RELEASING}), as JDK 25 records a virtual
 * thread's blocks (tried 2026-12-01 on 25.0.3, {@code settings=profile}):
 * <ul>
 *   <li>{@code jdk.ThreadSleep}, {@code jdk.SocketRead} and {@code jdk.SocketWrite} end a stretch:
 *       the thread unmounted and its carrier ran others. Unless it was pinned: a sleep or socket
 *       wait on the carrier also has a {@code jdk.VirtualThreadPinned} of the same thread over the
 *       same time (a sleep in a class initializer had both, the pin inside the sleep), and that
 *       block stays inside the stretch.</li>
 *   <li>{@code jdk.VirtualThreadPinned} ends nothing: the thread held its carrier while pinned.
 *       The pins only tell which sleeps and socket waits kept the carrier.</li>
 *   <li>Not read, as they release nothing: a virtual thread's {@code jdk.ThreadPark},
 *       {@code jdk.JavaMonitorEnter} and {@code jdk.JavaMonitorWait}, which JFR records only when
 *       the thread blocked on its carrier (a park, a contended {@code synchronized} and an
 *       {@code Object.wait} that unmounted recorded none; a park in a class initializer recorded
 *       {@code jdk.ThreadPark} and a pin; on JDK 21-23 every monitor pins), and
 *       {@code jdk.FileRead}/{@code jdk.FileWrite}: file I/O keeps the carrier, and JDK 25 adds no
 *       carrier for it but for direct or synchronous I/O (with one carrier, another virtual thread
 *       waited 1.2 s for ten reads of a 100 MB file to end; for ten sleeps of 30 ms, 5 ms).</li>
 * </ul>
 * What no event shows stays inside a stretch: JFR records a sleep only from its threshold (20 ms
 * with the JDK's default settings, 10 ms with profile), throttles the socket events (100 or 300 a
 * second), and records a pin only from its own threshold (20 ms with both), so a sleep pinned for
 * 10 to 20 ms under profile counts as a release. A stretch is what the events show, an upper bound
 * of the time the thread kept its carrier.
 *
 * <p><b>Memory.</b> A recording's events are not in time order (JFR writes each thread's buffer
 * as it fills; the samples come from the sampler), so a block can come before the samples of its
 * thread, and nothing is decided while reading. The samples are kept per sampled virtual thread,
 * few where there are many virtual threads (most never run long enough to be sampled); the
 * releasing blocks (their middles) and the pins of every virtual thread are kept packed
 * ({@link PackedIntervals}: 3 bytes a sleep in a recording of a million virtual threads), and
 * {@link #finish} keeps those of the sampled threads only.
 */
final class CarrierHoggingRule extends BaseRule {

    static final String ID = "carrier-hogging";

    /** Samples further apart than this end a stretch. */
    static final long GAP = 100_000_000L;
    /** A stretch from this long is reported. */
    static final long REPORTED = 100_000_000L;
    /** A stretch from this long is a warning: everything queued behind it waited as long. */
    static final long WARNED = 500_000_000L;

    /**
     * A stretch counts where its thread was sampled in at least one in this many of the sampler's periods it
     * spans. A thread running Java code is sampled in every period while the sampler has room (the JDK's takes
     * up to {@value #SAMPLED_A_PERIOD} threads running Java code a period) and its OS thread gets a CPU: a
     * review's spinning hogs were sampled in 72% of the periods at 20 ms, and in 45% at 10 ms on a machine at a
     * load of 11 to 20 on 2 cores; a queue consumer that computed 10 ms every 60 ms in 17%. One seen in fewer
     * waited in between, in waits JDK 25 records no event for (a queue, a lock, a latch).
     */
    static final int ONE_PERIOD_IN = 4;

    /** Threads running Java code the JDK's sampler takes a period, at most ({@code MAX_NR_OF_JAVA_SAMPLES}). */
    static final int SAMPLED_A_PERIOD = 5;

    /** The blocks of a virtual thread that release its carrier, unless it blocked pinned (see above). */
    static final Set<Observation.Blocked.Kind> RELEASING = EnumSet.of(
            Observation.Blocked.Kind.SLEEP,
            Observation.Blocked.Kind.SOCKET_READ,
            Observation.Blocked.Kind.SOCKET_WRITE);

    private static final String SAMPLE = "jdk.ExecutionSample";

    /**
     * A virtual thread's start and end: where both were on and none came, nor a virtual thread's sample or pin, no
     * virtual thread ran, and a sampler that fell behind hid none ({@link Starved}).
     */
    private static final List<String> LIVES = List.of("jdk.VirtualThreadStart", "jdk.VirtualThreadEnd");

    private static final String PINNED = "jdk.VirtualThreadPinned";
    /** {@link #RELEASING}'s event types, as the findings name them. */
    private static final List<String> RELEASING_TYPES =
            RELEASING.stream().map(Observation.Blocked.Kind::eventType).toList();

    private static final String RELEASING_EVENTS = Durations.list(RELEASING_TYPES);

    /** The socket events, which JDK 25's default settings throttle (JDK-8351594) and which end a stretch. */
    private static final List<String> SOCKET_TYPES = List.of(
            Observation.Blocked.Kind.SOCKET_READ.eventType(), Observation.Blocked.Kind.SOCKET_WRITE.eventType());

    CarrierHoggingRule() {
        super(
                ID,
                "Carrier hogging",
                Stream.concat(
                                Stream.concat(
                                        Stream.of(SAMPLE, PINNED, Observation.CpuLoad.EVENT_TYPE), LIVES.stream()),
                                RELEASING_TYPES.stream())
                        .toArray(String[]::new));
    }

    private static final long[] NONE = {};

    /** One sampled virtual thread: its samples as they came, and, in {@link #finish}, its blocks and its longest stretch. */
    private static final class Sampled {
        final Observation.ThreadRef thread;
        long[] times = new long[8];
        int samples;
        final Map<String, Long> frames = new HashMap<>();
        /** The middles of its releasing blocks. */
        long[] releases = NONE;

        int releaseCount;
        long[] pinStarts = NONE;
        long[] pinEnds = NONE;
        int pins;
        long longest;
        long longestStart;
        int samplesInLongest;
        int pinsInLongest;
        /** The longest stretch by gaps and releases alone that was seen in too few periods to count. */
        long sparse;

        Sampled(Observation.ThreadRef thread) {
            this.thread = thread;
        }

        void sample(long time, String frame) {
            times = append(times, samples++, time);
            if (frames.size() < 8 || frames.containsKey(frame)) {
                frames.merge(frame, 1L, Long::sum);
            }
        }

        void release(long middle) {
            releases = append(releases, releaseCount++, middle);
        }

        void pin(long start, long duration) {
            pinStarts = append(pinStarts, pins, start);
            pinEnds = append(pinEnds, pins++, start + duration);
        }

        /**
         * Finds the longest stretch: cut where samples are more than {@link #GAP} apart or a block released the
         * carrier, and, where the sampling period is known, of those the longest part in which the thread was
         * sampled in at least one in {@link #ONE_PERIOD_IN} of the periods (unless the sampler had no room:
         * {@link Sampler}).
         */
        void measure(Sampler sampler) {
            Arrays.sort(times, 0, samples);
            Arrays.sort(releases, 0, releaseCount);
            // a thread blocks once at a time: its pins do not overlap, so sorted apart, starts and ends still pair
            Arrays.sort(pinStarts, 0, pins);
            Arrays.sort(pinEnds, 0, pins);
            long[] freed = new long[releaseCount];
            int freedCount = 0;
            int pin = 0;
            for (int r = 0; r < releaseCount; r++) {
                long middle = releases[r];
                while (pin < pins && pinEnds[pin] < middle) {
                    pin++;
                }
                if (pin == pins || pinStarts[pin] > middle) {
                    freed[freedCount++] = middle; // not pinned: the carrier was released
                }
            }
            longestStart = times[0];
            samplesInLongest = 1;
            int first = 0; // the first sample of the stretch
            int next = 0; // the first released block after the previous sample
            for (int i = 1; i < samples; i++) {
                long previous = times[i - 1];
                long time = times[i];
                while (next < freedCount && freed[next] <= previous) {
                    next++;
                }
                if (time - previous > GAP || next < freedCount && freed[next] <= time) {
                    stretch(first, i - 1, sampler);
                    first = i;
                }
            }
            stretch(first, samples - 1, sampler);
            for (int p = 0; p < pins; p++) {
                if (pinStarts[p] >= longestStart && pinStarts[p] <= longestStart + longest) {
                    pinsInLongest++;
                }
            }
        }

        /** Takes the stretch from sample {@code first} to {@code last} into account. */
        private void stretch(int first, int last, Sampler sampler) {
            long length = times[last] - times[first];
            if (length <= longest) {
                return; // no part of it can be longer
            }
            if (sampler.dense(times[first], times[last], last - first + 1)) {
                keep(first, last);
                return;
            }
            sparse = Math.max(sparse, length);
            // the longest part [i, j] seen in one period in N (ONE_PERIOD_IN): N (j - i + 1) period >= t_j - t_i +
            // period, that is g(i) <= g(j) + (N - 1) period with g(k) = N k period - t_k, in whole nanoseconds;
            // the widest such pair, as for the widest ramp: the candidates for i are the prefix minima of g, each
            // matched with the last j it fits
            long period = sampler.period;
            int[] minima = new int[last - first + 1];
            int top = 0;
            for (int k = first; k <= last; k++) {
                if (top == 0 || g(k, first, period) < g(minima[top - 1], first, period)) {
                    minima[top++] = k;
                }
            }
            for (int j = last; j >= first && top > 0; j--) {
                while (top > 0
                        && g(minima[top - 1], first, period) <= g(j, first, period) + (ONE_PERIOD_IN - 1) * period) {
                    int i = minima[--top];
                    if (j >= i && times[j] - times[i] > longest) {
                        keep(i, j);
                    }
                }
            }
        }

        private long g(int k, int first, long period) {
            return (long) ONE_PERIOD_IN * (k - first) * period - (times[k] - times[first]);
        }

        private void keep(int first, int last) {
            longest = times[last] - times[first];
            longestStart = times[first];
            samplesInLongest = last - first + 1;
        }

        String topFrame() {
            return frames.entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey)
                    .orElse("?");
        }
    }

    /** The sampled virtual threads, in the order of their first samples. */
    private final List<Sampled> sampled = new ArrayList<>();

    /** Each sampled virtual thread's place in {@link #sampled}, by its id. */
    private final LongLongMap sampledIndex = new LongLongMap();
    /**
     * The middles of every virtual thread's releasing blocks, as they came: their samples may come later. A
     * middle tells where a block was among the samples (no sample of its thread falls inside it), and whether a
     * pin covers it, whichever of the two events was stamped a few microseconds first.
     */
    private final PackedIntervals releases = new PackedIntervals(false);

    /** Every virtual thread's pins, as they came. */
    private final PackedIntervals pins = new PackedIntervals(true);

    private long virtualSamples;
    private long samples;

    /** Every sample's time, of every thread: how many the sampler took around a stretch ({@link Sampler}). */
    private long[] sampleTimes = new long[64];

    /** Every sample's thread, as {@link #sampleTimes} has them: how many threads the sampler took turns among. */
    private long[] sampleThreads = new long[64];

    /** Whether a virtual thread started or ended: one was there to hog a carrier, sampled or not. */
    private boolean virtualThreadsLived;

    /** The recording's {@code jdk.CPULoad}s, as they came: where the JVM kept every CPU busy ({@link Starved}). */
    private final List<Observation.CpuLoad> loads = new ArrayList<>();

    /**
     * The sampler as the recording shows it: its period (0 where the settings do not say), and every sample's
     * time. A stretch is dense if its thread was sampled in one of {@link #ONE_PERIOD_IN} periods it spans, or if the
     * sampler had no room: it took {@value #SAMPLED_A_PERIOD} threads running Java code a period, nearly, so one
     * more running may have been left out (read in the JDK's sampler, jfrThreadSampler.cpp, not measured).
     */
    static final class Sampler {
        final long period;
        private final long[] times;

        Sampler(long period, long[] sorted) {
            this.period = period;
            this.times = sorted;
        }

        boolean dense(long from, long to, int samples) {
            if (period <= 0) {
                return true;
            }
            long spanned = to - from + period; // the periods it spans, times the period
            if ((long) ONE_PERIOD_IN * samples * period >= spanned) { // sampled in one in ONE_PERIOD_IN
                return true;
            }
            return (long) taken(from, to) * period >= (SAMPLED_A_PERIOD - 1L) * spanned;
        }

        /** The samples of every thread from {@code from} to {@code to}. */
        private int taken(long from, long to) {
            return firstAfter(times, to) - firstAfter(times, from - 1);
        }
    }

    /** The index in {@code sorted} of the first time after {@code time}; its length where none is. */
    private static int firstAfter(long[] sorted, long time) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] <= time) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /**
     * Where JFR's sampler fell behind. The sampler is a thread too: where the JVM's own threads kept every CPU busy
     * ({@link Starved#BUSY}, by {@code jdk.CPULoad}), it took fewer samples the more threads ran Java code (tried
     * here on 2 cores, 10 ms period: 1.9 a period with 2 threads spinning, 1.1 with 5, 0.8 with 9, 0.15 with 31). A
     * span of the CPU loads is starved where even a fair share of its samples among the threads it sampled falls
     * below one in {@link #ONE_PERIOD_IN} periods, the density a stretch needs: a thread that held its carrier
     * throughout would read as one that waited, or not be sampled at all.
     *
     * @param nanos   how long, in all, the sampler was starved; -1 where it is not known (fewer than two
     *                {@code jdk.CPULoad}s, or no period in the settings)
     * @param samples in the worst starved span, the samples taken a period, of every thread
     * @param threads in that span, the threads sampled
     * @param jvm     in that span, the JVM's share of the machine's CPUs
     * @param machine in that span, the whole machine's load
     */
    record Starved(long nanos, double samples, int threads, double jvm, double machine) {
        static final Starved UNKNOWN = new Starved(-1, 0, 0, 0, 0);
        static final Starved NEVER = new Starved(0, 0, 0, 0, 0);

        /** The JVM's share of every CPU from which its threads are taken to keep them all busy. */
        static final double BUSY = 0.9;

        boolean some() {
            return nanos > 0;
        }
    }

    /**
     * Where the sampler was starved, from the CPU loads: each {@code jdk.CPULoad} tells the load since the one before
     * it, so the first tells nothing (the JDK's first reads 0%).
     */
    private Starved starved(long period) {
        if (period <= 0 || loads.size() < 2) {
            return Starved.UNKNOWN;
        }
        loads.sort(Comparator.comparingLong(Observation.CpuLoad::time));
        List<Observation.CpuLoad> busy = new ArrayList<>();
        long[] starts = new long[loads.size()];
        for (int i = 1; i < loads.size(); i++) {
            if (loads.get(i).jvm() >= Starved.BUSY) {
                starts[busy.size()] = loads.get(i - 1).time();
                busy.add(loads.get(i));
            }
        }
        long[] ends = busy.stream().mapToLong(Observation.CpuLoad::time).toArray();
        int[] taken = new int[busy.size()];
        List<Set<Long>> threads = new ArrayList<>();
        busy.forEach(load -> threads.add(new HashSet<>()));
        for (int k = 0; k < samples; k++) {
            int span = firstAfter(ends, sampleTimes[k] - 1); // the first span ending at or after the sample
            if (span < ends.length && starts[span] < sampleTimes[k]) {
                taken[span]++;
                threads.get(span).add(sampleThreads[k]);
            }
        }
        long nanos = 0;
        Starved worst = Starved.NEVER;
        for (int i = 0; i < busy.size(); i++) {
            long length = busy.get(i).time() - starts[i];
            int sampled = threads.get(i).size();
            // a fair share, taken / sampled, in fewer than one in ONE_PERIOD_IN of the length / period periods
            if (sampled > 0 && (double) ONE_PERIOD_IN * taken[i] * period < (double) sampled * length) {
                nanos += length;
                double aPeriod = (double) taken[i] * period / length;
                if (worst == Starved.NEVER || aPeriod / sampled < worst.samples() / worst.threads()) {
                    worst = new Starved(
                            0, aPeriod, sampled, busy.get(i).jvm(), busy.get(i).machine());
                }
            }
        }
        return new Starved(nanos, worst.samples(), worst.threads(), worst.jvm(), worst.machine());
    }

    @Override
    public void accept(Observation observation) {
        switch (observation) {
            case Observation.Sample sample -> {
                sampleTimes = append(sampleTimes, (int) samples, sample.time());
                sampleThreads =
                        append(sampleThreads, (int) samples, sample.thread().id());
                samples++;
                if (sample.thread().virtual()) {
                    virtualSamples++;
                    sampled(sample.thread()).sample(sample.time(), sample.topFrame());
                }
            }
            case Observation.Blocked blocked
            when blocked.thread().virtual() && RELEASING.contains(blocked.kind()) ->
                releases.add(blocked.thread().id(), blocked.time() + blocked.duration() / 2, 0);
            case Observation.Pinned pinned
            when pinned.thread().virtual() -> pins.add(pinned.thread().id(), pinned.time(), pinned.duration());
            case Observation.CpuLoad load -> loads.add(load);
            case Observation.VirtualStart start -> virtualThreadsLived = true;
            case Observation.VirtualEnd end -> virtualThreadsLived = true;
            default -> {}
        }
    }

    private Sampled sampled(Observation.ThreadRef thread) {
        long index = sampledIndex.get(thread.id(), -1);
        if (index >= 0) {
            return sampled.get((int) index);
        }
        Sampled added = new Sampled(thread);
        sampledIndex.put(thread.id(), sampled.size());
        sampled.add(added);
        return added;
    }

    private Sampled sampledOrNull(long thread) {
        long index = sampledIndex.get(thread, -1);
        return index < 0 ? null : sampled.get((int) index);
    }

    @Override
    public Finding finish(Recording recording) {
        if (virtualSamples == 0 && recording.absent(List.of(PINNED))) {
            // the JVM has no virtual-thread events, so no virtual threads: its samples are all platform threads'
            return new Finding(
                    ID,
                    Severity.NA,
                    "Not recorded: the JVM that made this recording has no virtual threads (a JDK from before"
                            + " JEP 444), so none could hold a carrier.",
                    "Record a JDK with virtual threads (21 or later) with " + SAMPLE
                            + " on (the JDK's default and profile settings do) to see CPU-bound virtual threads.",
                    Map.of("samples", samples));
        }
        if (samples == 0) {
            String why = "(the JDK's default and profile settings do) to see CPU-bound virtual threads.";
            if (!recording.on(List.of(SAMPLE))) {
                return notRecorded(recording, List.of(SAMPLE), SAMPLE, why, "samples");
            }
            return new Finding(
                    ID,
                    Severity.NA,
                    "No execution samples in this recording: carrier hogging cannot be seen.",
                    SAMPLE + " was on, and took no sample: no Java code ran for as long as its period, or the"
                            + " recording was shorter.",
                    Map.of("samples", 0));
        }
        releases.forEach((thread, middle, none) -> {
            Sampled s = sampledOrNull(thread);
            if (s != null) {
                s.release(middle);
            }
        });
        pins.forEach((thread, start, duration) -> {
            Sampled s = sampledOrNull(thread);
            if (s != null) {
                s.pin(start, duration);
            }
        });
        long period = recording.period(SAMPLE).stream()
                .mapToLong(Duration::toNanos)
                .max()
                .orElse(0);
        Starved starved = starved(period);
        long[] sorted = Arrays.copyOf(sampleTimes, (int) samples);
        sampleTimes = NONE;
        sampleThreads = NONE;
        Arrays.sort(sorted);
        Sampler sampler = new Sampler(period, sorted);
        sampled.forEach(s -> s.measure(sampler));
        List<Sampled> hogs = sampled.stream()
                .filter(s -> s.longest >= REPORTED)
                .sorted(Comparator.comparingLong((Sampled s) -> s.longest).reversed())
                .toList();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("samples", samples);
        details.put("virtual_thread_samples", virtualSamples);
        details.put("virtual_threads_sampled", sampled.size());
        details.put(
                "releases_of_sampled_threads",
                sampled.stream().mapToLong(s -> s.releaseCount).sum());
        details.put("sampling_period_ms", period > 0 ? Durations.ms(period) : null);
        long sparse = sampled.stream()
                .filter(s -> s.longest < REPORTED && s.sparse >= REPORTED)
                .count();
        details.put("sparse_threads", sparse);
        details.put("sampler_starved_ms", starved.nanos() < 0 ? null : Durations.ms(starved.nanos()));
        List<Map<String, Object>> listed = new ArrayList<>();
        for (Sampled s : hogs.subList(0, Math.min(20, hogs.size()))) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("thread", s.thread.label());
            one.put("longest_run_ms", Durations.ms(s.longest));
            one.put("start", s.longestStart);
            one.put("samples", s.samples);
            one.put("samples_in_longest_run", s.samplesInLongest);
            one.put("pins_in_longest_run", s.pinsInLongest);
            one.put("top_frame", s.topFrame());
            listed.add(one);
        }
        details.put("threads", listed);
        details.put(Finding.totalOf("threads"), hogs.size());
        List<KnownSpin> known =
                KnownSpin.at(hogs.stream().map(Sampled::topFrame).distinct().toList());
        details.put("known_spins", known.stream().map(KnownSpin::id).toList());
        // a recording that would show every virtual thread's start and end, and shows none, nor one's sample or pin
        boolean noVirtualThread = !virtualThreadsLived
                && virtualSamples == 0
                && pins.size() == 0
                && LIVES.stream().allMatch(type -> recording.on(List.of(type)));
        if (hogs.isEmpty() && starved.some() && !noVirtualThread) {
            return new Finding(
                    ID,
                    Severity.INFO,
                    "Not known: no virtual thread was seen holding its carrier for " + Durations.words(REPORTED)
                            + " or more, but for " + Durations.words(starved.nanos()) + " the JVM kept every CPU busy"
                            + " and JFR's sampler fell behind, so one that held its carrier then could not be seen.",
                    starved(starved, period) + " " + unseen(recording) + sparse(sparse, period, starved),
                    details);
        }
        if (hogs.isEmpty()) {
            return new Finding(
                    ID,
                    Severity.OK,
                    "No virtual thread was seen holding its carrier for " + Durations.words(REPORTED)
                            + " or more (sampled with no recorded block that released it"
                            + (recording.off(List.of(PINNED))
                                    ? "; with " + PINNED + " off, a block that kept it, pinned, read as a release"
                                    : recording.part(List.of(PINNED)).isEmpty()
                                            ? ""
                                            : "; with " + PINNED + " on for part of the recording only, a block that"
                                                    + " kept it, pinned, while it was off read as a release")
                            + ").",
                    unseen(recording) + sparse(sparse, period, starved),
                    details);
        }
        Sampled worst = hogs.getFirst();
        Severity severity = worst.longest >= WARNED ? Severity.WARNING : Severity.INFO;
        return new Finding(
                ID,
                severity,
                String.format(
                        Locale.ROOT,
                        hogs.size() == 1
                                ? "%s was seen holding its carrier for %s or more: %s, sampled for %s with no recorded"
                                        + " block that released it, at %s."
                                : "%s were seen holding their carriers for %s or more; the longest, %s, was sampled for"
                                        + " %s with no recorded block that released it, at %s.",
                        Durations.count(hogs.size(), "virtual thread"),
                        Durations.words(REPORTED),
                        worst.thread.label(),
                        Durations.words(worst.longest),
                        listed.getFirst().get("top_frame")),
                known.stream().map(spin -> spin.advice() + " ").collect(Collectors.joining())
                        + "Virtual threads are not time-sliced: one that computes keeps its carrier until it blocks in"
                        + " a way that releases it, and with few carriers (one per core by default) every virtual"
                        + " thread queued behind it waits that long. Run CPU-bound work on a bounded pool of platform"
                        + " threads sized to the cores and wait for it from the virtual thread, or break it up"
                        + " (Thread.yield() between steps, though a thread started or woken from outside the carriers,"
                        + " on JDK 25 at a sleep's end too, can wait behind yielding ones: docs/inspect.md); a block"
                        + " while pinned (pins_in_longest_run; the pinning rule shows them) or a file read keeps the"
                        + " carrier too. "
                        + (starved.some()
                                ? starved(starved, period) + " Other virtual threads may have held their"
                                        + " carriers unseen then, and a stretch may have been longer than seen. "
                                : "")
                        + unseen(recording) + sparse(sparse, period, starved),
                details);
    }

    /** Where and how far the sampler fell behind, and what to do about it. */
    private static String starved(Starved starved, long period) {
        return String.format(
                Locale.ROOT,
                "JFR's sampler is a thread too, and with more threads running Java code than there are CPUs it takes"
                    + " fewer samples: for %s of the recording (sampler_starved_ms) the JVM's own threads used %.0f%%"
                    + " or more of the machine's CPUs (jdk.CPULoad: %.0f%%, the machine %.0f%%, where it fell furthest"
                    + " behind), and the sampler took %.2f samples a period of %s among %s, fewer than one in %d"
                    + " periods each, the density a stretch needs. Record again with fewer threads competing for the"
                    + " CPUs, or on more of them, to see the virtual threads that hold their carriers.",
                Durations.words(starved.nanos()),
                Starved.BUSY * 100,
                starved.jvm() * 100,
                starved.machine() * 100,
                starved.samples(),
                Durations.words(period),
                Durations.count(starved.threads(), "thread"),
                ONE_PERIOD_IN);
    }

    /** What the density of samples said, and of how many threads, or that it could not say. */
    private static String sparse(long threads, long period, Starved starved) {
        if (period <= 0) {
            return " The recording's settings do not give " + SAMPLE + "'s period, so a stretch is not checked"
                    + " against it: a thread that waited between samples in waits JFR does not record can read as"
                    + " one stretch.";
        }
        String seen = " A stretch counts where its thread was sampled in at least one in " + ONE_PERIOD_IN
                + " of the sampler's periods of " + Durations.words(period)
                + " (a thread running on its carrier is sampled in most of them)";
        return threads == 0
                ? seen + "."
                : seen + "; " + Durations.count(threads, "virtual thread") + (threads == 1 ? " was" : " were")
                        + " sampled across " + Durations.words(REPORTED) + " or more only in fewer, having waited in"
                        + " between (a queue, a lock or a latch, which JDK 25 records no event for)"
                        + (starved.some()
                                ? " or, where the sampler fell behind, not sampled often enough to tell,"
                                : ",")
                        + " and " + (threads == 1 ? "is" : "are") + " not counted.";
    }

    /** The recording's threshold for jdk.ThreadSleep where its settings say, else the JDK's defaults. */
    private static String sleepThreshold(Recording recording) {
        List<String> thresholds = recording.threshold(Observation.Blocked.Kind.SLEEP.eventType()).stream()
                .map(Durations::setting)
                .toList();
        return thresholds.isEmpty()
                ? "20 ms in the JDK's default settings, 10 ms in profile"
                : Durations.list(thresholds) + " in this recording";
    }

    /** What a stretch is read from, and what it cannot see; and whether the recording had the releases off. */
    private static String unseen(Recording recording) {
        return "A stretch is a virtual thread's execution samples, none more than " + Durations.words(GAP)
                + " after the one before and none with a block that released the carrier between them: a "
                + RELEASING_EVENTS.replace(" and ", " or ") + " of the thread, unless a " + PINNED
                + " of it covers the block (it blocked on its carrier). Parks, monitors and file I/O that JFR"
                + " records of a virtual thread kept the carrier (JDK 25). JFR records a sleep only from its"
                + " threshold (" + sleepThreshold(recording) + ")"
                + (recording.throttled(SOCKET_TYPES).isEmpty()
                        ? ", so a shorter block stays inside a stretch: it is an upper bound of a hold between blocks."
                        : " and throttles socket events, so a shorter or unrecorded block stays inside a stretch: it"
                                + " is an upper bound of a hold between blocks.")
                // and a lower one at its ends: "upper bound" alone read as if a 100 ms hog could not read shorter
                // (a helper's hunt: loom's cpu-hog, hogs of 100 ms, stretches of 44 to 85 ms)
                + " It runs from the thread's first sample to its last, so it can fall short of the hold by up to a"
                + " sampling period at each end."
                + (recording.off(RELEASING_TYPES)
                        ? " This recording's settings leave " + RELEASING_EVENTS
                                + " off: only a gap in the samples could end a stretch."
                        : "")
                + pinsUnseen(recording)
                + (recording.part(List.of(SAMPLE)).isEmpty()
                        ? ""
                        : " " + SAMPLE + " was on for part of the recording only, so a virtual thread that held its"
                                + " carrier while it was off is not seen. " + PART_ONLY);
    }

    /**
     * Which blocks that kept the carrier, pinned, read as releases: all where the pins were off (a helper's hunt: a
     * hog that slept while pinned read as one with its pins, and "no virtual thread seen" without), the shorter ones
     * where the settings give a pin's threshold.
     */
    private static String pinsUnseen(Recording recording) {
        if (recording.off(List.of(PINNED))) {
            return " This recording's settings leave " + PINNED + " off, so a block that kept the carrier, pinned (a"
                    + " sleep in a class initializer, an FFM upcall), read as one that released it, and a virtual"
                    + " thread that held its carrier through such blocks is not seen.";
        }
        String part = recording.part(List.of(PINNED)).isEmpty()
                ? ""
                : " This recording had " + PINNED + " on for part of it only, so while it was off a block that kept"
                        + " the carrier, pinned, read as one that released it.";
        Set<Duration> set = recording.threshold(PINNED);
        List<String> thresholds = set.stream().map(Durations::setting).toList();
        // a threshold of 0 (loom's own profiles) records every pin: nothing read as a release
        return part
                + (set.stream().allMatch(Duration::isZero)
                        ? ""
                        : " JFR records a pin only from its threshold (" + Durations.list(thresholds)
                                + " in this recording),"
                                + " so a block that kept the carrier, pinned for less, read as one that released it.");
    }

    /** The array with the value at {@code index}, grown if it is full. */
    private static long[] append(long[] array, int index, long value) {
        long[] to = index < array.length ? array : Arrays.copyOf(array, Math.max(8, array.length * 2));
        to[index] = value;
        return to;
    }
}
