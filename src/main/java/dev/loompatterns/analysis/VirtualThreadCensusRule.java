package dev.loompatterns.analysis;

import dev.loompatterns.jfr.EventEnabled;
import dev.loompatterns.jfr.ShellWord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code virtual-thread-census}: how many virtual threads the recording saw start and end, how
 * many were alive at most, how long they lived; none of which JDK Mission Control's views can show
 * (they key threads on the OS thread id, 0 for every virtual thread). And how long JMC's parser
 * would take to open the file: it is superlinear in the number of virtual threads, measured here
 * (JMC 9.1.2 on a 2-core machine, 2026-11-30): 10,000 in 0.7 s, 30,000 in 1.3 s, 100,000 in 6.3 s,
 * 1,000,000 not loaded after 24 minutes; and on 2026-12-02, with other work on the machine (load
 * average 5 to 7), 120,000 in 6.7 and 9.9 s, 300,000 in 106 and 162 s (two runs each): the table
 * takes 106 s, where past 100,000 it said "minutes or more" (a review's 120,000 loaded in 6 s). A copy without the virtual threads' starts and ends opens
 * at once only if no other event names every virtual thread too: a copy of 300,000 virtual threads
 * without their starts and ends, but with the jdk.ThreadSleep each had, took 51 s (2026-12-01, the
 * machine busy with other work), without those too 0.3 s. So the advice is {@code loom inspect
 * --slim}, which leaves out virtual threads' sleeps and parks as well and keeps platform threads',
 * or, without loom, a {@code jfr scrub} that leaves out every sleep and park ({@code slim_command}):
 * it cannot tell virtual threads from platform ones.
 *
 * <p>The count alive at once is exact: every start's and end's time is kept (16 bytes a virtual
 * thread, in blocks of longs: {@link EventTimes}) and swept in time order at the end ({@link
 * Alive}). A thread that neither starts nor ends in the recording but is named by a recorded wait, a pin or a sample
 * was alive through all of it, and counts so ({@code alive_throughout}; the ids are kept in an {@link IdSet}).
 * Counting starts minus ends per 10 ms, as this rule once did, let a start and an end in
 * the same 10 ms cancel out: 1,000 threads alive together came out as 896 to 990. The lifetimes'
 * median and p99 are exact up to {@value LogHistogram#EXACT} lifetimes, then within 1.6% ({@link
 * LogHistogram}; {@code lifetime_quantiles} says which); with no thread that both started and
 * ended in the recording they are not known (null). Where some are known, a thread alive at the
 * recording's start or end counts with the part of its life the recording saw, and the quantiles are
 * lower bounds ({@code lifetimes_cut_at_edges} counts those threads; the summary says "at least").
 */
final class VirtualThreadCensusRule extends BaseRule {

    static final String ID = "virtual-thread-census";

    /** What it counts: the rest it reads only to see virtual threads that did not start or end. */
    static final List<String> COUNTED = List.of("jdk.VirtualThreadStart", "jdk.VirtualThreadEnd");

    private static final String START = COUNTED.getFirst();
    private static final String END = COUNTED.getLast();

    /** How its command to paste calls the tools, and what the run that reads the recording writes besides. */
    private final Pasted pasted;

    VirtualThreadCensusRule() {
        this(Pasted.PLAIN);
    }

    /** A census whose suggested copy is named apart from the files the same run writes after reading, with its tools. */
    VirtualThreadCensusRule(Pasted pasted) {
        super(
                ID,
                "Virtual thread census",
                Stream.concat(
                                Stream.of(
                                        "jdk.VirtualThreadStart",
                                        "jdk.VirtualThreadEnd",
                                        "jdk.VirtualThreadPinned",
                                        "jdk.ExecutionSample"),
                                Observation.Blocked.Kind.eventTypes().stream())
                        .toArray(String[]::new));
        this.pasted = pasted;
    }

    /** The finest slice of time that a point of {@code alive_over_time} stands for: 10 ms. */
    static final long BUCKET = 10_000_000L;
    /** At most this many points in {@code alive_over_time}. */
    static final int POINTS = 500;
    /** From this many virtual-thread events, JMC takes seconds to open the file. */
    static final long SLOW_IN_JMC = 100_000;

    /**
     * JMC 9.1.2's parser ({@code JfrLoaderToolkit.loadEvents}) on this project's 2-core machine: virtual threads in a
     * recording, milliseconds to load. Up to 100,000 the measurements behind the project's design (2026-11-30, one run
     * each), 300,000 the faster of two on 2026-12-02 (docs/inspect.md, "What it costs").
     */
    private static final long[][] JMC_LOAD = {{10_000, 700}, {30_000, 1_300}, {100_000, 6_300}, {300_000, 106_000}};

    private final LogHistogram lifetimes = new LogHistogram();
    /** Each virtual thread's start and end, by thread id: open ones are alive. */
    private final Pairing threads =
            new Pairing((thread, started, ended) -> lifetimes.add(Math.max(0, ended - started)));
    /**
     * Every start's and every end's time, for the exact count alive at once: 16 bytes a virtual
     * thread, put in order once at the end (the file's events are not in time order across threads).
     */
    private final EventTimes startTimes = new EventTimes();

    private final EventTimes endTimes = new EventTimes();

    private long starts;
    private long ends;
    /**
     * Pins, samples and recorded waits of virtual threads: with no start or end, the threads were alive through the
     * whole recording, or their starts and ends were left out of this copy ({@code loom inspect --slim}, which a JMC
     * user is told to open, said "no virtual thread started" in green).
     */
    private long otherVirtualEvents;

    /** The virtual threads that started or ended in the recording. */
    private final IdSet startedOrEnded = new IdSet();
    /**
     * The virtual threads those other events name: those that neither started nor ended were alive through the whole
     * recording. Counted out, a recording started by {@code jcmd JFR.start} beside 2,000 sleeping virtual threads, each
     * in its recorded sleeps, read "virtual threads ran: 1 pin or sample of theirs" (a review).
     */
    private final IdSet named = new IdSet();

    @Override
    public void accept(Observation observation) {
        if (observation instanceof Observation.VirtualStart start) {
            starts++;
            threads.open(start.thread().id(), start.time());
            startTimes.add(start.time());
            startedOrEnded.add(start.thread().id());
        } else if (observation instanceof Observation.VirtualEnd end) {
            ends++;
            threads.close(end.thread().id(), end.time());
            endTimes.add(end.time());
            startedOrEnded.add(end.thread().id());
        } else {
            Observation.ThreadRef thread = switch (observation) {
                case Observation.Pinned pin -> pin.thread();
                case Observation.Sample sample -> sample.thread();
                case Observation.Blocked blocked -> blocked.thread();
                default -> Observation.ThreadRef.UNKNOWN;
            };
            if (thread.virtual()) {
                otherVirtualEvents++;
                named.add(thread.id());
            }
        }
    }

    /** The other events that name virtual threads, counted: "3 pins, samples and recorded waits". */
    private String ranIn() {
        return Durations.count(otherVirtualEvents)
                + (otherVirtualEvents == 1 ? " pin, sample or recorded wait" : " pins, samples and recorded waits");
    }

    @Override
    public Finding finish(Recording recording) {
        List<String> part = recording.part(COUNTED);
        if (!part.isEmpty() && (starts > 0 || ends > 0)) {
            return partlyRecorded(recording, part);
        }
        if (starts == 0 && ends == 0) {
            long seen = named.countNotIn(startedOrEnded); // none started or ended: every one it names
            if (!recording.on(COUNTED) || !part.isEmpty()) {
                Finding notRecorded = notRecorded(
                        recording,
                        COUNTED,
                        "jdk.VirtualThreadStart and jdk.VirtualThreadEnd",
                        "to count virtual threads (loom's virtual-threads profile does); leave them off for"
                                + " recordings JMC must open quickly.",
                        "started");
                // the JDK's own default settings leave them off and pins on: say what the other events show, or
                // the census reads as if no virtual thread ran (a helper's hunt, 2026-12-07)
                return new Finding(
                        ID,
                        Severity.NA,
                        notRecorded.summary()
                                + (otherVirtualEvents == 0
                                        ? ""
                                        : " Virtual threads did run: " + Durations.count(seen)
                                                + (seen == 1 ? " is" : " are") + " named in " + ranIn() + "."),
                        notRecorded.explanation(),
                        otherVirtualEvents == 0
                                ? Finding.inOrder("started", 0, "ended", 0)
                                : Finding.inOrder(
                                        "started", 0, "ended", 0, "other_virtual_thread_events", otherVirtualEvents));
            }
            if (otherVirtualEvents > 0) {
                return new Finding(
                        ID,
                        Severity.INFO,
                        "No virtual thread started or ended while recording, but "
                                + Durations.count(seen, "virtual thread") + " ran, in " + ranIn() + " of theirs.",
                        "jdk.VirtualThreadStart or jdk.VirtualThreadEnd was on, so either every virtual thread"
                                + " was alive through the whole recording (one started by jcmd JFR.start in a"
                                + " running program, say), or this is a copy made without these events (loom"
                                + " inspect --slim, jfr scrub), which keeps the settings that say they were on: take"
                                + " the census of the original. A thread in none of these events is not counted.",
                        Finding.inOrder(
                                "started",
                                0,
                                "ended",
                                0,
                                "alive_throughout",
                                seen,
                                "other_virtual_thread_events",
                                otherVirtualEvents));
            }
            return new Finding(
                    ID,
                    Severity.OK,
                    "No virtual thread started or ended while recording.",
                    "jdk.VirtualThreadStart or jdk.VirtualThreadEnd was on. A copy made without these events"
                            + " (loom inspect --slim, jfr scrub) keeps the settings that say so, but not the events:"
                            + " take the census of the original.",
                    Finding.inOrder("started", 0, "ended", 0));
        }
        String missing = starts == 0 && recording.enabled(START) == EventEnabled.OFF
                ? START
                : ends == 0 && recording.enabled(END) == EventEnabled.OFF ? END : null;
        if (missing != null) {
            return halfRecorded(recording, missing);
        }
        // none of one of the two, and settings that do not say whether it was on (jdk.ActiveSetting off): counted as if
        // on, with the doubt said, as a custom .jfc with only the starts on read "5,400 alive at once" of short threads
        String unsaid = starts == 0 && recording.enabled(START) == EventEnabled.UNKNOWN
                ? START
                : ends == 0 && recording.enabled(END) == EventEnabled.UNKNOWN ? END : null;
        long endedUnseen = threads.closedOnly(); // started before the recording: alive from its start
        // neither started nor ended, but named by a wait, a pin or a sample: alive through the whole recording
        long throughout = named.countNotIn(startedOrEnded);
        Alive alive = Alive.sweep(startTimes, endTimes, endedUnseen + throughout);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("started", starts);
        details.put("ended", ends);
        details.put("alive_at_end", Math.toIntExact(threads.openOnly() + throughout));
        details.put("ended_without_start", endedUnseen);
        details.put("alive_throughout", throughout);
        details.put("peak_alive", alive.peak());
        details.put("peak_at", alive.peakAt());
        boolean known = lifetimes.count() > 0; // a lifetime needs a start and an end in the recording
        // where one is known, a thread alive at the recording's start or end counts with the part of its life the
        // recording saw, never more than it lived: the quantiles are then lower bounds. Left out, they were of the
        // short lives alone: 500 threads alive at the end, of 800, read "median lifetime 204 ms".
        long cut = known ? threads.openOnly() + endedUnseen + throughout : 0;
        if (cut > 0) {
            threads.forEachOpenOnly(started -> lifetimes.add(Math.max(0, recording.end() - started)));
            threads.forEachClosedOnly(ended -> lifetimes.add(Math.max(0, ended - recording.start())));
            for (long i = 0; i < throughout; i++) {
                lifetimes.add(Math.max(0, recording.end() - recording.start()));
            }
        }
        details.put("lifetime_median_ms", known ? Durations.ms(lifetimes.quantile(0.5)) : null);
        details.put("lifetime_p99_ms", known ? Durations.ms(lifetimes.quantile(0.99)) : null);
        details.put("lifetime_quantiles", lifetimes.precision());
        details.put("lifetimes_cut_at_edges", known ? cut : null); // with no lifetime, none was cut
        details.put("lifetimes", lifetimes.buckets());
        details.put("alive_over_time", alive.series());
        putJmc(details, recording);
        String summary = String.format(
                Locale.ROOT,
                endedUnseen + throughout == 0
                        ? "%s started, %s ended, at the peak %s of them alive at once; %s%s."
                        : "%s started, %s ended, at least %s alive at once; %s%s.",
                Durations.count(starts, "virtual thread"),
                Durations.count(ends),
                Durations.count(alive.peak()),
                known
                        ? "median lifetime " + (cut > 0 ? "at least " : "") + Durations.words(lifetimes.quantile(0.5))
                                + lifetimes.approximately()
                        : "no lifetime known (no virtual thread both started and ended in the recording)",
                unsaid == null ? "" : "; unless " + unsaid + " was off, which the recording does not say");
        boolean slow = slow();
        String explanation = (endedUnseen + throughout == 0
                        ? "These are the threads the recording saw start or end: one alive through all of it (a"
                                + " recording started by jcmd JFR.start in a running program, say) is counted where"
                                + " another event names it (a recorded wait, a pin, a sample), and none did. "
                        : "The recording began with virtual threads alive: "
                                + (endedUnseen == 0
                                        ? ""
                                        : Durations.count(endedUnseen) + " ended in it that did not start in it"
                                                + " (counted alive from its start)"
                                                + (throughout == 0 ? "" : ", and "))
                                + (throughout == 0
                                        ? ""
                                        : Durations.count(throughout) + " neither started nor ended in it but are"
                                                + " named by its other events (a recorded wait, a pin, a sample):"
                                                + " alive through all of it")
                                + ". One that lived through the whole recording and is in none of its events is not"
                                + " counted, so the counts alive (at once, at the end) are of the threads it saw and"
                                + " may be short. ")
                + (cut > 0
                        ? "The lifetimes count " + Durations.count(cut, "thread")
                                + " alive at the recording's start or end with the part of "
                                + (cut == 1 ? "its life" : "their lives")
                                + " it saw, so the median and p99 are lower bounds. "
                        : "")
                + WHERE_THEY_WAITED
                + jmcOpens(details, recording);
        if (unsaid != null) {
            explanation = "The recording has no " + unsaid + " and its settings do not say whether it was on (no"
                    + " jdk.ActiveSetting for it: a .jfc that leaves jdk.ActiveSetting off records none). If it was"
                    + " off, the counts alive are not threads alive but threads whose "
                    + (unsaid.equals(END) ? "ends" : "starts") + " were not recorded; record with both events on,"
                    + " and jdk.ActiveSetting too, for a census. " + explanation;
        }
        return new Finding(ID, slow ? Severity.WARNING : Severity.INFO, summary, explanation, details);
    }

    /**
     * The census of a recording that had the starts or the ends on for part of it only ({@link EventEnabled#PART}):
     * the starts and ends counted, and nothing of how many were alive. Counted as if on all along, threads that
     * started and ended while they were off, named by their sleeps, were "alive throughout": a helper's {@code jcmd}
     * recording of threads that lived 30 ms, with a second recording turning the events on for 3 s of its 8, read "at
     * least 9,400 alive at once; median lifetime at least 7.8 s".
     */
    private Finding partlyRecorded(Recording recording, List<String> part) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("started", starts);
        details.put("ended", ends);
        details.put("part_only", part);
        notKnownAlive(details);
        putJmc(details, recording);
        boolean one = part.size() == 1;
        return new Finding(
                ID,
                slow() ? Severity.WARNING : Severity.INFO,
                Durations.count(starts, "virtual thread") + " started, " + Durations.count(ends) + " ended; how many"
                        + " were alive at once and how long they lived is not known: " + String.join(" and ", part)
                        + (one ? " was" : " were") + " on for part of the recording only.",
                "These are the starts and ends recorded while " + (one ? "it was" : "they were") + " on. " + PART_ONLY
                        + " A thread that started or ended while " + (one ? "it was" : "they were") + " off is not"
                        + " counted, and one that another event names (a recorded wait, a pin, a sample) may have"
                        + " started and ended unseen. Record with " + START + " and " + END + " on from the"
                        + " recording's start to its end for a census. "
                        + jmcOpens(details, recording),
                details);
    }

    /** The figures that need every start and end, not known where some were not recorded. */
    private static void notKnownAlive(Map<String, Object> details) {
        for (String unknown : List.of(
                "alive_at_end",
                "ended_without_start",
                "peak_alive",
                "peak_at",
                "lifetime_median_ms",
                "lifetime_p99_ms",
                "lifetime_quantiles",
                "lifetimes_cut_at_edges")) {
            details.put(unknown, null);
        }
        details.put("lifetimes", List.of());
        details.put("alive_over_time", List.of());
    }

    /**
     * What a recording cannot say of its virtual threads, and what can: where a long life went waiting unmounted (for
     * a pool's connection, say, which a platform pool's recorded parks show), said where any were counted.
     */
    static final String WHERE_THEY_WAITED = "Where they waited unmounted (for a lock, a queue, a pool's connection) the"
            + " recording cannot say: JFR records no park or monitor wait of a virtual thread that unmounts (JDK 25)."
            + " A JSON thread dump taken while they run shows it (jcmd PID Thread.dump_to_file -format=json FILE), and"
            + " 'loom dump FILE' counts them by where they are. ";

    /** Whether the JDK's {@code jfr} reads the file as it is, so that {@code jfr scrub} can copy it. */
    private static boolean jfrReads(Recording recording) {
        return !recording.copied()
                && (recording.file().isEmpty() || recording.file().endsWith(".jfr"));
    }

    /** Whether JMC would be slow to open the file: {@link #SLOW_IN_JMC} virtual threads or more. */
    private boolean slow() {
        return Math.max(starts, ends) >= SLOW_IN_JMC;
    }

    /**
     * {@code jmc_load_estimate} and {@code slim_command}: a {@code jfr scrub}, or, for a file {@code jfr} cannot read,
     * the {@code loom inspect --slim} that writes the copy from what loom reads: one read through a finished copy
     * ({@link Recording#copied()}: a killed JVM's chunk or repository folder), or one whose name does not end in
     * {@code .jfr} (JDK 25's {@code jfr}: "filename must end with '.jfr'"). A chunk's copy is named in the current
     * folder, not beside the chunk: in its repository folder, a later {@code loom inspect} of the folder would read
     * the copy as one more chunk.
     */
    private void putJmc(Map<String, Object> details, Recording recording) {
        details.put("jmc_load_estimate", jmcLoad(Math.max(starts, ends)));
        String file = recording.file().isEmpty() ? "FILE.jfr" : recording.file();
        // the copy this run writes, as it was given; else a name of the census's own, one that holds nothing yet
        String slim = pasted.slim() != null ? pasted.slim().toString() : freeSlimName(file, recording);
        details.put(
                "slim_command",
                pasted.slim() != null || !jfrReads(recording)
                        ? pasted.loom() + " inspect " + ShellWord.of(file) + " --slim " + ShellWord.of(slim)
                        : pasted.jfr() + " scrub --exclude-events"
                                + " jdk.VirtualThreadStart,jdk.VirtualThreadEnd,jdk.ThreadSleep,jdk.ThreadPark "
                                + ShellWord.of(file) + " " + ShellWord.of(slim));
    }

    /**
     * {@code F-slim.jfr} for {@code F.jfr}, or the next name after it that holds nothing and that the run does not
     * write ({@link OutputName}); a chunk's in the current folder.
     */
    private String freeSlimName(String file, Recording recording) {
        boolean chunk = recording.copied() && file.endsWith(".jfr");
        String stem = chunk ? String.valueOf(java.nio.file.Path.of(file).getFileName()) : file;
        return OutputName.free(
                stem.endsWith(".jfr") ? stem.substring(0, stem.length() - 4) + "-slim" : stem + "-slim",
                ".jfr",
                pasted.written());
    }

    /** What JMC shows of these threads and how long it would take to open the file, from {@link #putJmc}'s details. */
    private String jmcOpens(Map<String, Object> details, Recording recording) {
        return "JDK Mission Control's thread views cannot tell virtual threads apart (all have OS thread id 0), "
                + "so these counts are not shown there. "
                + (slow()
                        ? "With " + Durations.count(Math.max(starts, ends), "virtual thread") + " ("
                                + Durations.count(starts + ends) + " starts and ends) JMC's parser will take "
                                + details.get("jmc_load_estimate")
                                + " to open this file, and nearly as long for a copy without them if the"
                                + " virtual threads' jdk.ThreadSleep and jdk.ThreadPark remain (by default"
                                + " one for each sleep of 20 ms or more, and each park as long while"
                                + " pinned), which name each virtual thread too. 'loom inspect --slim'"
                                + " writes a copy without both, which JMC opens quickly, and keeps platform"
                                + " threads' sleeps and parks"
                                + (pasted.slim() != null
                                        ? "; this run writes that copy: "
                                        : recording.copied()
                                                ? " (jfr cannot read this recording as it is: its JVM never finished"
                                                        + " it): "
                                                : !jfrReads(recording)
                                                        ? " (jfr reads only a file whose name ends in .jfr): "
                                                        : "; jfr scrub cannot tell virtual threads from platform ones,"
                                                                + " so this drops every thread's: ")
                                + details.get("slim_command")
                        : "JMC opens a file with this many virtual threads in " + details.get("jmc_load_estimate")
                                + ".");
    }

    /**
     * The census of a recording whose settings left one of the two events off all along (a {@code jcmd JFR.start}
     * with {@code jdk.VirtualThreadStart#enabled=true} alone, say): the other's count, and nothing that needs both.
     * Counted as before, a recording of 5,400 short threads with their ends off said "at the peak 5,400 of them alive
     * at once" and {@code alive_at_end} 5,400, and one with their starts off would count every thread alive from
     * the recording's first event.
     *
     * @param missing the event type left off, {@link #START} or {@link #END}
     */
    private Finding halfRecorded(Recording recording, String missing) {
        boolean noStarts = missing.equals(START);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("started", noStarts ? null : starts);
        details.put("ended", noStarts ? ends : null);
        notKnownAlive(details);
        putJmc(details, recording);
        String summary = (noStarts
                        ? Durations.count(ends, "virtual thread") + " ended"
                        : Durations.count(starts, "virtual thread") + " started")
                + "; how many were alive at once and how long they lived is not known: the recording's settings"
                + " leave " + missing + " off.";
        String explanation = "Counting the threads alive, and their lifetimes, needs both jdk.VirtualThreadStart and"
                + " jdk.VirtualThreadEnd; record with both on (loom's virtual-threads profile does). "
                + jmcOpens(details, recording);
        return new Finding(ID, slow() ? Severity.WARNING : Severity.INFO, summary, explanation, details);
    }

    /**
     * The most virtual threads alive at once, when first, and {@code alive_over_time}, from a sweep
     * over every start and end in time order. A thread is alive from its start up to its end, not
     * at its end: at equal times ends come first, so one that ends as another starts is not counted
     * with it.
     *
     * @param series up to {@link #POINTS} points, from the first event to the last in slices of
     *               equal length (at least {@link #BUCKET}): each the time a slice ends and the most
     *               alive at once within it, so the highest point is the peak
     */
    record Alive(long peak, long peakAt, List<Map<String, Object>> series) {

        /** From every start and end time, and the threads alive before the first (ended, never started). */
        static Alive sweep(EventTimes startTimes, EventTimes endTimes, long before) {
            EventTimes.InOrder up = startTimes.inOrder();
            EventTimes.InOrder down = endTimes.inOrder();
            long first =
                    Math.min(up.hasNext() ? up.peek() : Long.MAX_VALUE, down.hasNext() ? down.peek() : Long.MAX_VALUE);
            long last = Math.max(startTimes.latest(), endTimes.latest());
            long span = last - first;
            long slice = Math.max(BUCKET, (span + POINTS - 2) / (POINTS - 1)); // at most POINTS - 1 after the first
            long slices = 1 + (span + slice - 1) / slice;
            long running = before;
            long peak = running;
            long peakAt = first;
            List<Map<String, Object>> series = new ArrayList<>();
            for (long k = 0; k < slices; k++) {
                long until = Math.min(last, first + k * slice);
                long most = running;
                while (true) {
                    if (down.hasNext()
                            && down.peek() <= until
                            && (!up.hasNext() || down.peek() <= up.peek())) { // ends first at equal times
                        down.next();
                        running--;
                    } else if (up.hasNext() && up.peek() <= until) {
                        long time = up.next();
                        running++;
                        most = Math.max(most, running);
                        if (running > peak) {
                            peak = running;
                            peakAt = time;
                        }
                    } else {
                        break;
                    }
                }
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("time", until);
                point.put("alive", most);
                series.add(point);
            }
            return new Alive(peak, peakAt, series);
        }
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
        return "minutes or more (300,000 took 106 s here, 1,000,000 had not loaded after 24 minutes)";
    }
}
