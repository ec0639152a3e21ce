package dev.loompatterns.pinning;

import dev.loompatterns.core.AbstractPattern;
import dev.loompatterns.core.ByMode;
import dev.loompatterns.core.Check;
import dev.loompatterns.core.ChildJvm;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.PatternInfo;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import dev.loompatterns.jfr.Pin;
import dev.loompatterns.jfr.PinCause;
import dev.loompatterns.jfr.PinTaxonomy;
import java.time.Duration;
import java.util.List;

/** Catalogue entry for {@code pinning}; see the package documentation. */
public final class PinningPattern extends AbstractPattern {

    static final Param SLEEP_MS = Param.ofInt(
            "sleep-ms",
            "how long each task blocks (class-init: fixed " + SlowStaticInit.SLEEP_MILLIS + " ms)",
            20,
            1,
            10_000);

    /** The flag that brings back JDK 21-23 monitors on JDK 24 and 25 (deprecated in 24). */
    static final String LEGACY_LOCKING = LegacyMonitorsChild.LEGACY_LOCKING;

    /** Every variant runs by default (catalogue.txt says so): one recording then holds every pin reason. */
    static final PatternInfo INFO =
            PatternInfo.fromCatalogue("pinning").params(SLEEP_MS).build();

    /**
     * Platform: a platform thread per task making the blocking call, with no carrier to pin; virtual: a
     * virtual thread per task, the same call, pinning its carrier where it cannot unmount; structured: a fork
     * per task, pinning exactly where the virtual threads do.
     */
    static final ByMode<Form> FORMS = new ByMode<>(PlatformPinning::new, VirtualPinning::new, StructuredPinning::new);

    /**
     * What this JDK is documented to do for a variant in a mode.
     *
     * @param pins  true if the run should pin at least once
     * @param cause the cause the expected pins have ({@link PinTaxonomy}), or null for none
     * @param why   the documented behaviour, with its JEP
     */
    record Expectation(boolean pins, PinCause cause, String why) {}

    /**
     * Runs {@code tasks} tasks that each block the variant's way (in a native upcall, a static initializer,
     * {@code synchronized} or a {@code ReentrantLock}; {@code synchronized-jdk21} in a child JVM with legacy
     * monitors) in the mode's form, records their pins with JFR and checks them against what this JDK is
     * documented to do; a wrong way is shown only where it pinned.
     */
    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        int feature = Runtime.version().feature();
        int tasks = workload.tasks();
        Duration sleep = workload.millis(SLEEP_MS);
        Expectation expected = expected(variant.id(), mode, feature);
        Outcome seen;
        switch (variant.id()) {
            case "ffm-upcall" -> {
                try (UpcallSort sort = new UpcallSort(sleep)) {
                    seen = Outcome.observe(mode, tasks, sort::sort);
                }
            }
            case "class-init" -> seen = Outcome.observe(mode, tasks, new ClassInitBlocking());
            case "synchronized" -> seen = Outcome.observe(mode, tasks, GuardedSleep.inSynchronized(sleep));
            case "reentrant-lock" -> seen = Outcome.observe(mode, tasks, GuardedSleep.inReentrantLock(sleep));
            case "synchronized-jdk21" -> {
                return legacyMonitors(mode, tasks, sleep, expected, feature, variant.wrongWay());
            }
            default -> throw new IllegalArgumentException("no pinning variant " + variant.id());
        }
        return check(expected, seen, feature, variant.wrongWay());
    }

    /**
     * {@code synchronized-jdk21}: the synchronized variant in a child JVM with {@value #LEGACY_LOCKING};
     * on JDK 26 and later, where the flag is obsolete (JDK-8359437), not shown, and no child is started.
     */
    static Check legacyMonitors(
            Mode mode, int tasks, Duration sleep, Expectation expected, int feature, boolean wrongWay)
            throws InterruptedException {
        if (feature >= 26) {
            // JDK-8359437: LockingMode is obsolete in 26; the flag no longer brings legacy monitors back
            return Check.notShown("JDK " + feature + " no longer has " + LEGACY_LOCKING
                    + " (JDK-8359437): there is no JDK 21 monitor behaviour to show in a child JVM");
        }
        return checkChild(LegacyMonitorsChild.run(mode, tasks, sleep), expected, feature, wrongWay);
    }

    /**
     * What the {@code synchronized-jdk21} child printed, checked: not shown if its JVM no longer
     * has {@value #LEGACY_LOCKING}, failed if it failed or printed no count, else its pins checked
     * as {@link #check} does.
     */
    static Check checkChild(ChildJvm.Result child, Expectation expected, int feature, boolean wrongWay) {
        if (legacyLockingGone(child)) {
            return Check.notShown("JDK " + feature + " no longer has " + LEGACY_LOCKING
                    + ": there is no JDK 21 monitor behaviour to show");
        }
        if (child.exitCode() != 0 || child.value(LegacyMonitorsChild.PINS) == null) {
            return Check.failed("child JVM exited " + child.exitCode() + ": "
                    + child.stderr().strip());
        }
        Outcome childSeen = new Outcome(
                child.lines(LegacyMonitorsChild.PIN).stream().map(Pin::fromLine).toList(),
                child.lines(LegacyMonitorsChild.APART).stream()
                        .map(Pin::fromLine)
                        .toList());
        Check checked = check(expected, childSeen, feature, wrongWay);
        return new Check(checked.verdict(), "in a child JVM with " + LEGACY_LOCKING + ": " + checked.detail());
    }

    /** What {@code Runtime.version().feature()} says this JDK does; see the package documentation. */
    static Expectation expected(String variant, Mode mode, int feature) {
        if (mode == Mode.PLATFORM) {
            return new Expectation(false, null, "platform threads have no carrier: pinning is a virtual-thread notion");
        }
        return switch (variant) {
            case "ffm-upcall" ->
                new Expectation(true, PinCause.NATIVE_FRAME, "a native frame is on the stack, on every JDK");
            case "class-init" ->
                new Expectation(true, PinCause.CLASS_INIT, "a static initializer is on the stack, on every JDK");
            case "synchronized" ->
                feature >= 24
                        ? new Expectation(false, null, "JDK 24+ unmounts inside synchronized (JEP 491)")
                        : new Expectation(
                                true, PinCause.MONITOR, "JDK 21-23 pins inside synchronized (before JEP 491)");
            case "synchronized-jdk21" ->
                new Expectation(true, PinCause.MONITOR, LEGACY_LOCKING + " brings back JDK 21-23 monitors, which pin");
            case "reentrant-lock" ->
                new Expectation(false, null, "a virtual thread parked on a j.u.c lock unmounts, on every JDK");
            default -> throw new IllegalArgumentException("no pinning variant " + variant);
        };
    }

    /**
     * Passed when the pattern's own pins are what this JDK is documented to do; for a wrong-way
     * variant "shown" where it pinned as documented, "not shown" where it has nothing to show
     * (platform threads have no carrier). Pins of a class's first use (a cold JVM) and of the
     * recording are set apart and never decide.
     */
    static Check check(Expectation expected, Outcome seen, int feature, boolean wrongWay) {
        List<Pin> pins = seen.pins();
        boolean asDocumented =
                expected.pins() ? pins.stream().anyMatch(pin -> pin.cause() == expected.cause()) : pins.isEmpty();
        if (!asDocumented) {
            String want = !expected.pins()
                    ? "none"
                    : "a pin of cause " + expected.cause().id() + " ("
                            + expected.cause().what() + ")";
            return Check.failed(
                    seen.describe() + ", expected " + want + " on JDK " + feature + " (" + expected.why() + ")");
        }
        String detail = seen.describe() + ", as expected on JDK " + feature + " (" + expected.why() + ")";
        if (!wrongWay) {
            return Check.passed(detail);
        }
        // a wrong way shows its flaw only where it pins: on platform threads there is nothing to show
        return expected.pins() ? Check.demonstrated(detail) : Check.notShown(detail);
    }

    private static boolean legacyLockingGone(ChildJvm.Result child) {
        String err = child.stderr();
        return err.contains("Unrecognized VM option 'LockingMode") || err.contains("Ignoring option LockingMode");
    }
}
