package dev.loompatterns.analysis;

import dev.loompatterns.jfr.PinCause;
import dev.loompatterns.jfr.PinOrigin;
import dev.loompatterns.jfr.PinTaxonomy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code pinning}: virtual threads that blocked while pinned to their carrier, grouped by
 * {@link PinCause} and by the first frame of application code, with count, total and longest
 * duration and the carriers held, and what to do about each cause. Pins of a class's first use
 * (a cold JVM loading classes) and JFR's own are reported apart and never raise a warning alone,
 * but for a group whose longest pin is {@link #SLOW_INIT_WAIT} or more, waiting for, or meeting a
 * contended monitor inside, the initializer of a class outside the JDK: first uses in the taxonomy
 * (whether a thread arrives while an initializer runs is timing, and JDK 25 words a synchronized
 * block of an initializer as it does the VM's lock for linking a class, which a test's verdict must
 * not hang on), but here, where how long each pin lasted is known, a slow initializer of the
 * program's that held carriers (a reviewer's 1.5 s initializer held both carriers for 1.4 s and was
 * called "nothing to fix"). They are reported with the code's pins, in {@code groups}, and counted
 * in {@code slow_first_use_pins}. Application code is every class outside the JDK.
 */
final class PinningRule extends BaseRule {

    static final String ID = "pinning";

    PinningRule() {
        super(ID, "Virtual thread pinning", PINNED);
    }

    private static final String PINNED = "jdk.VirtualThreadPinned";

    /** From this long, a wait for a non-JDK class's initializer warns: the JDK's own threshold for pins. */
    static final long SLOW_INIT_WAIT = Duration.ofMillis(20).toNanos();

    /**
     * A group to warn of: the code's own pins, and long first-use pins of a non-JDK class's initializer: waits for
     * it, and contended monitors inside it, which the taxonomy sets apart as class loading (the VM's lock while it
     * links a class looks the same as a synchronized block of the initializer's; a reviewer's held its carrier
     * for 190 ms).
     */
    private static boolean warns(Group g) {
        return g.origin == PinOrigin.CODE || slowFirstUse(g);
    }

    private static boolean slowFirstUse(Group g) {
        // a wait's group is where its class is; a monitor's, where the code was, so its class comes from the reason
        String type = g.initializer != null ? g.initializer : g.cause == PinCause.CLASS_INIT_WAIT ? g.frame : null;
        return g.origin == PinOrigin.FIRST_USE
                && type != null
                && !PinTaxonomy.isJdk(type)
                && g.longest >= SLOW_INIT_WAIT;
    }

    /** What a contended monitor inside an initializer is, in words. */
    static final String MONITOR_IN_INITIALIZER = "a contended monitor inside a class initializer (the VM linking a"
            + " class for its first use, or a synchronized block the initializer runs)";

    /** What to do about one. */
    static final String MONITOR_IN_INITIALIZER_ADVICE = "if the initializer, or code it calls, enters a monitor"
            + " another thread holds, do not block in a static initializer: initialize lazily outside <clinit>; if it"
            + " is the VM linking classes, it stops once they are linked";

    private static String what(Group g) {
        return g.initializer != null ? MONITOR_IN_INITIALIZER : g.cause.what();
    }

    private static String advice(Group g) {
        return g.initializer != null ? MONITOR_IN_INITIALIZER_ADVICE : g.cause.advice();
    }

    /**
     * Pins kept one by one for the report's timeline, the earliest by start (the file does not give them in
     * time order); past this, only the groups count.
     */
    static final int TIMELINE_LIMIT = 2_000;

    private static final class Group {
        final PinCause cause;
        final String frame;
        final PinOrigin origin;
        long count;
        long total;
        long longest;
        final Set<String> carriers = new TreeSet<>();
        boolean fromStack;
        /** The class whose initializer met a contended monitor, from the reason; null for other pins. */
        final String initializer;

        Group(PinCause cause, String frame, PinOrigin origin, String initializer) {
            this.cause = cause;
            this.frame = frame;
            this.origin = origin;
            this.initializer = initializer;
        }
    }

    /** What a group has in common: the cause, where it pinned, whose pin it is. */
    private record GroupKey(PinCause cause, String where, PinOrigin origin, String initializer) {}

    /** A cause, whose pins they are, and whether they are warned of, for the counts by cause. */
    private record CauseOrigin(PinCause cause, PinOrigin origin, boolean warned) {}

    private final Map<GroupKey, Group> groups = new LinkedHashMap<>();
    /** A pin of the timeline, with its group: whether it is warned of is known only at the end. */
    private record Kept(Map<String, Object> pin, Group group) {
        long time() {
            return (Long) pin.get("time");
        }
    }

    /** The earliest pins so far, the latest of them first out. */
    private final PriorityQueue<Kept> timeline =
            new PriorityQueue<>(Comparator.comparingLong(Kept::time).reversed());

    private long pins;
    /** Pins whose stack the recording cut before any frame but the JDK's ({@link PinTaxonomy#cutBeforeCode}). */
    private long cutShortPins;
    /** The most frames a stack cut short kept: the recording's stack depth, as far as its pins tell. */
    private int cutDepth;
    /** Pins recorded with no stack at all. */
    private long noStackPins;

    /** The most frames the java launcher's documentation gives for {@code -XX:FlightRecorderOptions:stackdepth}. */
    static final int MOST_FRAMES = 2048;

    @Override
    public void accept(Observation observation) {
        if (!(observation instanceof Observation.Pinned pin)) {
            return;
        }
        pins++;
        PinTaxonomy.Classification classified = PinTaxonomy.classify(pin.reason(), pin.operation(), pin.frames());
        PinOrigin origin = PinTaxonomy.origin(classified.cause(), classified.subject(), PinTaxonomy.NOT_JDK);
        String frame = PinTaxonomy.applicationFrame(pin.frames(), pin.stackCut());
        // a class loading with a subject met a contended monitor in that class's initializer (PinTaxonomy): grouped
        // where the code was, the line of the monitor, and its class kept to judge it
        boolean monitorInInitializer = classified.cause() == PinCause.CLASS_LOADING && classified.subject() != null;
        boolean namedByFrame = classified.subject() == null || monitorInInitializer;
        String where = namedByFrame ? frame : classified.subject();
        // counted where the frame names the group: a group named by its class is not marked, nor said to be
        if (namedByFrame && PinTaxonomy.cutBeforeCode(pin.frames(), pin.stackCut())) {
            cutShortPins++;
            cutDepth = Math.max(cutDepth, pin.frames().size());
        }
        if (pin.frames().isEmpty()) {
            noStackPins++;
        }
        Group group = groups.computeIfAbsent(
                new GroupKey(classified.cause(), where, origin, monitorInInitializer ? classified.subject() : null),
                k -> new Group(k.cause(), k.where(), k.origin(), k.initializer()));
        group.count++;
        group.total += pin.duration();
        group.longest = Math.max(group.longest, pin.duration());
        if (group.carriers.size() < 16) {
            group.carriers.add(pin.carrier());
        }
        group.fromStack |= classified.fromStack();
        if (timeline.size() < TIMELINE_LIMIT || pin.time() < timeline.peek().time()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("time", pin.time());
            one.put("duration_ms", Durations.ms(pin.duration()));
            one.put("carrier", pin.carrier());
            one.put("thread", pin.thread().label());
            one.put("cause", classified.cause().id());
            one.put("origin", origin.id());
            one.put("frame", frame);
            timeline.add(new Kept(one, group));
            if (timeline.size() > TIMELINE_LIMIT) {
                timeline.poll(); // the latest: a later pin than every other kept
            }
        }
    }

    /**
     * The summary where no pin was recorded: "No virtual thread pinned its carrier." only where every pin would have
     * been (a threshold of 0 ms); above it, as long as the threshold. With the JDK's settings (20 ms), 42 pins of an FFM
     * upcall that held carriers 214 ms in all were none, and the summary, the page's heading and the JSON said nothing
     * had pinned.
     */
    private static String noPinsSummary(Recording recording) {
        Duration most = recording.threshold(PINNED).stream()
                .max(Comparator.naturalOrder())
                .orElse(null);
        if (most != null && most.isZero()) {
            return "No virtual thread pinned its carrier.";
        }
        return "No virtual thread pinned its carrier for as long as the recording's threshold, "
                + (most == null ? "20 ms in the JDK's settings" : Durations.setting(most))
                + " (JFR leaves shorter pins out).";
    }

    /**
     * Why no pin is no proof: what the recording's threshold let through, where its settings say (a
     * threshold of 0 lets every pin through), and how to see every pin where they do not.
     */
    private static String noPins(Recording recording) {
        Set<Duration> thresholds = recording.threshold(PINNED);
        String everyPin = " Record with a threshold of 0 ms to see every pin.";
        if (thresholds.isEmpty()) {
            return PINNED + " was on, and nothing pinned for as long as its threshold (20 ms in the JDK's default and"
                    + " profile settings, 0 ms in loom's pinning profile; this recording's settings do not say)."
                    + everyPin;
        }
        Duration least = thresholds.iterator().next();
        Duration most = thresholds.stream().max(Comparator.naturalOrder()).orElseThrow();
        if (most.isZero()) {
            return PINNED + " was on with a threshold of 0 ms, which records every pin: nothing pinned while it was"
                    + " on.";
        }
        String threshold = least.equals(most)
                ? "its threshold, " + Durations.setting(most)
                : "its threshold, which the settings moved between " + Durations.setting(least) + " and "
                        + Durations.setting(most);
        return PINNED + " was on, and nothing pinned for as long as " + threshold + "." + everyPin;
    }

    /**
     * Where pins were counted, what the counts leave out: the pins shorter than the recording's threshold, which JFR
     * does not record; nothing at 0 ms, or where the settings do not say; and those while the pins were off, where a
     * second recording turned them on for a while ({@code EventEnabled.PART}). A review's 94 pins of about 5 ms read
     * "26 pins held carriers for 138 ms" with a 20 ms threshold that a recording of 0 ms beside it lowered for 2 s,
     * and said neither.
     */
    private static String shorterPinsLeftOut(Recording recording) {
        String part = recording.part(List.of(PINNED)).isEmpty()
                ? ""
                : " " + PINNED + " was on for part of the recording only, so the pins while it was off are not"
                        + " counted. " + PART_ONLY;
        Set<Duration> thresholds = recording.threshold(PINNED);
        if (thresholds.isEmpty()) {
            return part;
        }
        Duration least = thresholds.iterator().next();
        Duration most = thresholds.stream().max(Comparator.naturalOrder()).orElseThrow();
        if (most.isZero()) {
            return part;
        }
        if (least.equals(most)) {
            return part + " These are the pins of " + Durations.setting(most)
                    + " or more, the recording's threshold: JFR"
                    + " leaves shorter ones out. Record with a threshold of 0 ms to count every pin.";
        }
        return part + " The recording's threshold for pins moved between " + Durations.setting(least) + " and "
                + Durations.setting(most) + " while it recorded (another recording with other settings ran beside it,"
                + " say), so the pins shorter than " + Durations.setting(most) + " are counted only while it was lower."
                + " Record with a threshold of 0 ms throughout to count every pin.";
    }

    @Override
    public Finding finish(Recording recording) {
        if (pins == 0) {
            if (!recording.on(eventTypes())) {
                return notRecorded(
                        recording,
                        eventTypes(),
                        PINNED,
                        "to see pins: loom's pinning profile records every one (--profile pinning); for any JVM,"
                                + " -XX:StartFlightRecording:" + PINNED + "#enabled=true," + PINNED
                                + "#threshold=0ms.",
                        "pins");
            }
            return new Finding(ID, Severity.OK, noPinsSummary(recording), noPins(recording), Map.of("pins", 0));
        }
        // most time first; on a tie the cause's order (a class's initializer before the threads that wait for it),
        // then the most pins, then the frame: not the order the pins were read in, which is the reader's (the JDK's
        // parser and JMC's named a waiter and its initializer differently on a tie)
        List<Group> sorted = groups.values().stream()
                .sorted(Comparator.comparingLong((Group g) -> g.total)
                        .reversed()
                        .thenComparing(g -> g.cause)
                        .thenComparing(
                                Comparator.comparingLong((Group g) -> g.count).reversed())
                        .thenComparing(g -> g.frame, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        List<Group> code = sorted.stream().filter(PinningRule::warns).toList();
        List<Group> apart = sorted.stream().filter(g -> !warns(g)).toList();
        long codePins = code.stream().mapToLong(g -> g.count).sum();
        long slowFirstUsePins = code.stream()
                .filter(PinningRule::slowFirstUse)
                .mapToLong(g -> g.count)
                .sum();
        long codeTime = code.stream().mapToLong(g -> g.total).sum();
        long apartPins = apart.stream().mapToLong(g -> g.count).sum();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("pins", pins);
        details.put("code_pins", codePins - slowFirstUsePins);
        details.put("slow_first_use_pins", slowFirstUsePins);
        details.put("code_pinned_ms", Durations.ms(codeTime));
        details.put("first_use_or_recorder_pins", apartPins);
        details.put("by_cause", byCause(sorted));
        details.put("groups", code.stream().map(PinningRule::describe).toList());
        details.put("apart", apart.stream().map(PinningRule::describe).toList());
        details.put(
                "timeline",
                timeline.stream()
                        .sorted(Comparator.comparingLong(Kept::time))
                        .map(kept -> {
                            kept.pin().put("warned", warns(kept.group()));
                            return kept.pin();
                        })
                        .toList());
        details.put("timeline_complete", pins <= TIMELINE_LIMIT);
        details.put("cut_short_pins", cutShortPins);
        details.put("no_stack_pins", noStackPins);
        if (codePins == 0) {
            return new Finding(
                    ID,
                    Severity.INFO,
                    Durations.count(apartPins, "pin")
                            + (apartPins == 1 ? ", from a class's first use" : ", all from classes' first use")
                            + " or JFR's own: nothing to fix.",
                    "A virtual thread that waits for a class loader, or for another thread to initialize a class,"
                            + " cannot unmount on JDK 25; a cold JVM does this while it loads classes. They stop once"
                            + " the classes are loaded. A long wait for an initializer means the initializer is slow:"
                            + " make it fast, or run it before the virtual threads start."
                            + cutShort()
                            + noStack()
                            + shorterPinsLeftOut(recording),
                    details);
        }
        Group top = code.getFirst();
        String summary = String.format(
                java.util.Locale.ROOT,
                "%s held %s for %s; most time: %s at %s (%s, %s).",
                Durations.count(codePins, "pin"),
                codePins == 1 ? "its carrier" : "carriers",
                Durations.words(codeTime),
                what(top),
                top.frame,
                Durations.words(top.total),
                Durations.count(top.count, "pin"));
        StringBuilder explanation =
                new StringBuilder("A pinned virtual thread that blocks holds its carrier, so one carrier fewer "
                        + "runs the other virtual threads. What to do, by cause: ");
        code.stream()
                .map(g -> g.cause.id() + ": " + advice(g))
                .distinct()
                .forEach(line -> explanation.append(line).append(". "));
        if (apartPins > 0) {
            explanation
                    .append(Durations.count(apartPins, "more pin"))
                    .append(apartPins == 1 ? " was" : " were")
                    .append(" a class's first use or JFR's own, reported apart.");
        }
        String cut = cutShort() + noStack(); // begins with its space, as leftOut below
        explanation.append(explanation.charAt(explanation.length() - 1) == ' ' ? cut.stripLeading() : cut);
        String leftOut = shorterPinsLeftOut(recording); // begins with its space, where the advice ends with one
        explanation.append(explanation.charAt(explanation.length() - 1) == ' ' ? leftOut.stripLeading() : leftOut);
        return new Finding(ID, Severity.WARNING, summary, explanation.toString().strip(), details);
    }

    /** What the pins with no stack lack and how to record it, beginning with a space; nothing where all had one. */
    private String noStack() {
        if (noStackPins == 0) {
            return "";
        }
        return " " + Durations.count(noStackPins, "pin") + (noStackPins == 1 ? " was" : " were") + " recorded with no"
                + " stack, so where the program blocked is not in the file: record " + PINNED + " with its stackTrace"
                + " on, as the JDK's default and profile settings do.";
    }

    /**
     * What the pins cut short lack and how to record it, beginning with a space; nothing where none was cut short. The
     * innermost frame named for them is the JDK's: where the program called it is beyond the recording's depth.
     */
    private String cutShort() {
        if (cutShortPins == 0) {
            return "";
        }
        // 2048 is the most the java launcher's documentation gives for stackdepth: past 256 frames, ask for it
        String deeper = cutDepth < 256
                ? "record with stackdepth=256 to see it."
                : cutDepth < MOST_FRAMES
                        ? "record with stackdepth=" + MOST_FRAMES + " to see it."
                        : MOST_FRAMES + " frames is the most the java launcher's documentation gives for it.";
        return " " + Durations.count(cutShortPins, "pin") + " had a stack the recording cut short, JDK frames only:"
                + " where the program blocked is beyond its stack depth of " + Durations.count(cutDepth, "frame")
                + " (-XX:FlightRecorderOptions:stackdepth, 64 unless set), and the frame named for them, marked"
                + " \"stack cut short\", is the JDK's innermost; " + deeper;
    }

    private static List<Map<String, Object>> byCause(List<Group> groups) {
        Map<CauseOrigin, long[]> counts = new LinkedHashMap<>();
        for (Group g : groups) {
            long[] c = counts.computeIfAbsent(new CauseOrigin(g.cause, g.origin, warns(g)), k -> new long[2]);
            c[0] += g.count;
            c[1] += g.total;
        }
        List<Map<String, Object>> list = new ArrayList<>();
        counts.forEach((key, c) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("cause", key.cause().id());
            one.put("origin", key.origin().id());
            one.put("warned", key.warned());
            one.put("count", c[0]);
            one.put("total_ms", Durations.ms(c[1]));
            list.add(one);
        });
        return list;
    }

    private static Map<String, Object> describe(Group g) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("cause", g.cause.id());
        one.put("what", what(g));
        one.put("where", g.frame);
        one.put("origin", g.origin.id());
        one.put("count", g.count);
        one.put("total_ms", Durations.ms(g.total));
        one.put("longest_ms", Durations.ms(g.longest));
        one.put("carriers", List.copyOf(g.carriers));
        one.put("advice", advice(g));
        if (g.fromStack) {
            one.put("classified_from", "stack (no pinnedReason in the event)");
        }
        return one;
    }
}
