package dev.loompatterns.jfr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Records the virtual-thread pins of a stretch of code, for a test to assert on. Every pin is
 * recorded ({@code jdk.VirtualThreadPinned} with threshold 0 and its stack trace), and only the
 * pins of the recorder's own threads are kept: the thread that started it, and the threads
 * created while it was open ({@link PinStream} says how they are told apart).
 *
 * {@snippet :
 * try (PinRecorder pins = PinRecorder.start()) {
 *     service.handle(request);            // may start virtual threads of its own
 *     pins.stop();
 *     pins.assertNoPins();                // or assertPins(1, 1, "Native or VM frame")
 * }
 * }
 *
 * <p><b>Whose pins.</b> Threads that were already running are ignored (a server's pool, another
 * test's leftovers); a thread created while the recorder is open is its own, whoever created it,
 * so code that pins and runs in parallel with a recorder of its own (tests run concurrently) should
 * run in isolation ({@code @Isolated} in JUnit).
 *
 * <p><b>Which pins count.</b> Each pin is classified by {@link PinTaxonomy}: {@link #pins()} keeps
 * those of the observed code ({@link PinOrigin#CODE}) and sets apart ({@link #apart()}) those of a
 * class's first use (a cold JVM loading classes, waiting for another thread to initialize any class,
 * a contended monitor met inside any initializer, or blocking in the initializer of a class that is
 * not the observed code's own) and those of JFR's own event code. Which classes are the
 * observed code's own is given to {@link #start(Predicate)}; by default every class outside the JDK.
 *
 * <p><b>Blocking.</b> Events reach the recorder asynchronously; {@link #stop()} waits until every
 * event up to that moment has been delivered, so it must be called before reading. It costs a few
 * milliseconds when the recorder's threads could have pinned (a thread was created, or the
 * recorder was started on a virtual thread), and nearly nothing otherwise. A caller whose interrupt
 * flag is set takes {@code stop()} for a cancelled run's: it waits less for JFR's last events, which
 * may then be missing. A test that asserts on the pins clears the flag before {@code stop()}
 * ({@code Thread.interrupted()}), as {@code @ShouldNotPin} does for the test it wraps.
 *
 * <p>Other recordings can run at the same time: JFR merges their settings.
 */
public final class PinRecorder implements AutoCloseable {

    /** How a hint to join the threads begins; {@link #failure} ends it by what it saw of pins not counted. */
    static final String RECORDED_WHEN_IT_ENDS = "a pin is recorded when its blocking ends: ";

    private final PinStream stream = new PinStream();
    private final Predicate<String> ownCode;
    private final PinStream.Window window;
    private List<Pin> all;
    private List<Pin> own;
    private List<Pin> apart;
    /** What the first {@link #stop()} threw, if it failed: the pins are then not known. */
    private RuntimeException stopFailed;

    private PinRecorder(Predicate<String> ownCode) {
        this.ownCode = ownCode;
        this.window = stream.open();
    }

    /**
     * Starts recording; the calling thread is the recorder's first own thread. Every class outside the JDK is own code.
     */
    public static PinRecorder start() {
        return start(PinTaxonomy.NOT_JDK);
    }

    /**
     * Starts recording; the calling thread is the recorder's first own thread.
     *
     * @param ownCode true for the classes of the observed code ({@link PinTaxonomy#packages}): blocking
     *                inside the initializer of one of them counts as the code's pin, of any other class
     *                as a first use (as do waiting for any class's initializer, and a contended monitor
     *                inside any initializer)
     * @throws IllegalStateException if this JVM has no JFR ({@link PinStream#requireAvailable()})
     */
    public static PinRecorder start(Predicate<String> ownCode) {
        return new PinRecorder(ownCode);
    }

    /**
     * Stops recording and returns the observed code's pins on the recorder's own threads, in the
     * order they happened (first-use and recording pins are in {@link #apart()}). Calling it again
     * returns the same list.
     *
     * @throws IllegalStateException if the recording could not be read (closed by someone else, say); called
     *                               again, it fails again with the first failure as its cause
     */
    public synchronized List<Pin> stop() {
        if (stopFailed != null) {
            throw new IllegalStateException(
                    "the recorder's stop() failed before, so its pins are not known: " + stopFailed.getMessage(),
                    stopFailed);
        }
        if (own == null) {
            PinStream.Seen seen;
            try {
                seen = stream.close(window);
            } catch (RuntimeException e) {
                stopFailed = e; // the window is gone: a second close of it would only say "not the open window"
                throw e;
            }
            // empty when the threads could not pin: no events were asked for
            all = java.util.stream.Stream.concat(seen.pins().stream(), seen.otherPins().stream())
                    .toList();
            own = seen.pins().stream()
                    .filter(pin -> pin.origin(ownCode) == PinOrigin.CODE)
                    .toList();
            apart = seen.pins().stream()
                    .filter(pin -> pin.origin(ownCode) != PinOrigin.CODE)
                    .toList();
        }
        return own;
    }

    /** The observed code's pins on the recorder's own threads; {@link #stop()} first. */
    public synchronized List<Pin> pins() {
        requireStopped();
        return own;
    }

    /**
     * The pins of the recorder's own threads that are not the observed code's: a class's first use,
     * the recording's own; {@link #stop()} first.
     */
    public synchronized List<Pin> apart() {
        requireStopped();
        return apart;
    }

    /**
     * Every pin delivered while recording, also other threads'; {@link #stop()} first. Empty when
     * the recorder's threads could not have pinned, as then no events were asked for.
     */
    public synchronized List<Pin> allPins() {
        requireStopped();
        return all;
    }

    /** Fails if the recorder's own threads pinned at all. */
    public void assertNoPins() {
        assertPins(0, 0, "");
    }

    /**
     * Fails unless the number of own pins whose reason contains {@code reason} ("" for any) is
     * from {@code atLeast} to {@code atMost}. The message lists every pin counted with its reason and stack, and
     * names those not counted, by why: another reason, or {@link #apart()}.
     *
     * @throws AssertionError if the count is out of range
     * @throws IllegalArgumentException for a reason on JDK 21-23, whose pins have none ({@link #unusableReason})
     */
    public void assertPins(int atLeast, int atMost, String reason) {
        String unusable = unusableReason(reason, Runtime.version().feature());
        if (unusable != null) {
            throw new IllegalArgumentException(unusable);
        }
        Map<Boolean, List<Pin>> matching = pins().stream()
                .collect(Collectors.partitioningBy(pin -> pin.reason().contains(reason)));
        List<Pin> counted = matching.get(true);
        if (counted.size() < atLeast || counted.size() > atMost) {
            List<String> which = reason.isEmpty() ? List.of() : List.of("with a reason containing '" + reason + "'");
            Map<String, List<Pin>> notCounted = new LinkedHashMap<>();
            notCounted.put("their reason does not contain '" + reason + "'", matching.get(false));
            notCounted.put("a class's first use or JFR's own", apart());
            // the caller's package is not guessed from the stack: through a lambda it is the assertion library's
            throw new AssertionError(failure(
                    atLeast, atMost, which, counted, List.of(), "", notCounted, JOIN_THE_RECORDERS_THREADS, null));
        }
    }

    /**
     * Why a {@code reason} filter cannot work on a JDK of this feature version, or null. JDK 21-23's
     * {@code jdk.VirtualThreadPinned} has no {@code pinnedReason} (JDK 24 added it with JEP 491), so every pin's
     * reason reads {@value Pin#NOT_RECORDED}: the filter would count no pin, and {@code @ShouldNotPin} would pass
     * whatever pinned. A cause is read from the stack on every JDK.
     */
    public static String unusableReason(String reason, int feature) {
        if (reason.isEmpty() || feature >= 24) {
            return null;
        }
        return "reason = \"" + reason + "\" cannot be matched on JDK " + feature + ": its pin events carry no"
                + " pinnedReason (JDK 24 added it, JEP 491), so no pin would count and the assertion would say"
                + " nothing; filter by cause instead (@ShouldPin's cause, either annotation's ignore, or the pins'"
                + " cause()), which is read from the stack";
    }

    /**
     * Said under a counted {@code class-init}: an initializer runs on the class's first use only, so whether a test
     * sees it depends on what ran before; and a library's initializer cannot be made lazy by the test's author. The
     * packages to count are named as the test's own ({@code ownPackage}, where known): the docs' {@code "com.example"},
     * which the hint gave and a test author applied as it was, counts no pin of theirs, and their test passed.
     */
    static String firstUseInATest(String ownPackage) {
        String own = ownPackage == null || ownPackage.isEmpty() ? null : "\"" + ownPackage + "\"";
        return "  (an initializer runs once, on its class's first use in the JVM: if that first use, and its blocking,"
                + " is not what the test is about, touch the class before the test's threads do, in @BeforeAll; if it"
                + " is a library's, count only your own packages: "
                + (own == null
                        ? "packages = your code's own package (not a library's, and not an example's name), or"
                                + " PinRecorder.start(PinTaxonomy.packages(List.of(...))))"
                        : "packages = " + own + ", the test's own, or PinRecorder.start(PinTaxonomy.packages(List.of("
                                + own + "))))");
    }

    /** What a test does so that its pins are seen: {@link #failure(int, int, List, List, List, String)}'s hint. */
    public static final String JOIN_THE_TESTS_THREADS =
            RECORDED_WHEN_IT_ENDS + "join the test's threads before the test returns";

    /** {@link #JOIN_THE_TESTS_THREADS} for a {@code PinRecorder}, whose window ends at {@link #stop()}. */
    static final String JOIN_THE_RECORDERS_THREADS =
            RECORDED_WHEN_IT_ENDS + "join the recorder's threads before stop()";

    /**
     * The message of a failed pin assertion, {@link #assertPins} or {@code @ShouldPin}: what was
     * expected, every pin counted with its stack, and a tally of those not counted, with the hint said when at
     * least one pin was expected and none was counted ({@link #JOIN_THE_TESTS_THREADS}, or why none could be seen).
     *
     * @param which      what a counted pin is, beyond being the code's ("of cause class-init"...); may be empty
     * @param notCounted the pins seen but set apart (a class's first use, other causes...)
     */
    public static String failure(
            int atLeast, int atMost, List<String> which, List<Pin> counted, List<Pin> notCounted, String hint) {
        return failure(atLeast, atMost, which, counted, notCounted, hint, null);
    }

    /**
     * {@link #failure(int, int, List, List, List, String)} of a test whose code is in {@code ownPackage} (null where
     * not known): the packages a counted initializer's hint names.
     */
    public static String failure(
            int atLeast,
            int atMost,
            List<String> which,
            List<Pin> counted,
            List<Pin> notCounted,
            String hint,
            String ownPackage) {
        return failure(
                atLeast,
                atMost,
                which,
                counted,
                List.of(),
                "",
                Collections.singletonMap("", notCounted),
                hint,
                ownPackage);
    }

    /**
     * As {@link #failure(int, int, List, List, List, String)}, with pins that may or may not count, and the pins not
     * counted by why ("" for no reason given), in the map's order: each group that is not empty gets a line of its own.
     *
     * @param untold     pins that may or may not count (their stacks cut before the frames that would tell): named
     *                   after the count, then listed with their stacks under {@code untoldWhy}, and counted with the
     *                   others for what to do about too many
     * @param untoldWhy  why they could not be told, and what the verdict made of them
     * @param hint       what to do so that the pins are seen, said when at least one was expected and none was counted
     *                   nor could be
     */
    public static String failure(
            int atLeast,
            int atMost,
            List<String> which,
            List<Pin> counted,
            List<Pin> untold,
            String untoldWhy,
            Map<String, List<Pin>> notCounted,
            String hint,
            String ownPackage) {
        String range = atLeast == atMost
                ? "exactly " + atLeast
                : atMost == Integer.MAX_VALUE
                        ? "at least " + atLeast
                        : atLeast == 0 ? "at most " + atMost : "from " + atLeast + " to " + atMost;
        boolean one = atMost == 1 || atLeast == 1 && atMost == Integer.MAX_VALUE;
        StringBuilder message = new StringBuilder("expected ")
                .append(range)
                .append(one ? " pin" : " pins")
                .append(which.isEmpty() ? "" : " " + String.join(", ", which))
                .append(" (jdk.VirtualThreadPinned), got ")
                .append(counted.size())
                .append(untold.isEmpty() ? "" : ", and " + untold.size() + " that could not be told");
        if (!counted.isEmpty() || !untold.isEmpty()) {
            message.append(':');
            counted.forEach(
                    pin -> message.append(System.lineSeparator()).append("  ").append(pin.describe()));
        }
        if (!untold.isEmpty()) {
            message.append(System.lineSeparator())
                    .append("  ")
                    .append(untoldWhy)
                    .append(':');
            untold.forEach(
                    pin -> message.append(System.lineSeparator()).append("  ").append(pin.describe()));
        }
        List<Pin> mayCount = new ArrayList<>(counted);
        mayCount.addAll(untold);
        if (mayCount.size() > atMost) {
            // too many: what to do about each cause, as docs/pins.md and loom inspect say it
            mayCount.stream()
                    .map(Pin::cause)
                    .distinct()
                    .forEach(cause -> message.append(System.lineSeparator())
                            .append("  what to do, ")
                            .append(cause.id())
                            .append(": ")
                            .append(cause.advice()));
            if (mayCount.stream().anyMatch(pin -> pin.cause() == PinCause.CLASS_INIT)) {
                message.append(System.lineSeparator()).append(firstUseInATest(ownPackage));
            }
        }
        notCounted.forEach((why, pins) -> {
            if (!pins.isEmpty()) {
                message.append(System.lineSeparator())
                        .append("  (not counted")
                        .append(why.isEmpty() ? "" : ", " + why)
                        .append(": ")
                        .append(pins.size())
                        .append(pins.size() == 1 ? " pin: " : " pins: ")
                        .append(PinTally.byCause(pins))
                        .append(')');
            }
        });
        if (atLeast >= 1 && mayCount.isEmpty()) {
            // a test that had joined its threads read "join them" alone as the cause: say what joining leaves
            boolean othersSeen = notCounted.values().stream().anyMatch(pins -> !pins.isEmpty());
            String joined = !hint.startsWith(RECORDED_WHEN_IT_ENDS)
                    ? ""
                    : othersSeen
                            ? "; if they were joined, none of their pins was of the kind asked for"
                            : "; if they were joined, nothing they ran pinned";
            message.append(System.lineSeparator())
                    .append("  (")
                    .append(hint)
                    .append(joined)
                    .append(')');
        }
        return message.toString();
    }

    /**
     * Stops recording, if {@link #stop()} was not called, and closes the stream. After a {@code stop()} that failed
     * it only closes: the failure was the caller's to see, and thrown again here it would replace or suppress itself
     * in a try-with-resources.
     */
    @Override
    public synchronized void close() {
        try {
            if (stopFailed == null) {
                stop();
            }
        } finally {
            stream.close();
        }
    }

    private void requireStopped() {
        if (own == null) {
            throw new IllegalStateException("stop() the recorder before reading its pins");
        }
    }
}
