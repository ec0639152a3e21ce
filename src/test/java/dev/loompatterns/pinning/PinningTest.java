package dev.loompatterns.pinning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.ChildJvm;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Workload;
import dev.loompatterns.jfr.Pin;
import dev.loompatterns.jfr.PinCause;
import dev.loompatterns.jfr.PinOrigin;
import dev.loompatterns.testing.InterruptAfterStarts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(120) // backstop only
class PinningTest {

    static final Duration SLEEP = Duration.ofMillis(5);
    static final int FEATURE = Runtime.version().feature();

    static Stream<Arguments> everyModeAndVariant() {
        return Stream.of(Mode.values())
                .flatMap(mode -> new PinningPattern().variants().stream().map(v -> Arguments.of(mode, v.id())));
    }

    /** Each run observes what this JDK is documented to do, in every mode (the report says so in its check). */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyModeAndVariant")
    void everyRunObservesWhatThisJdkIsDocumentedToDo(Mode mode, String variant) throws Exception {
        PinningPattern pattern = new PinningPattern();
        Workload workload = Workload.resolve(pattern, mode, 3, Map.of(PinningPattern.SLEEP_MS.name(), "5"));
        Check check = pattern.run(mode, pattern.variant(variant), workload);
        assertThat(check.ok()).as(check.detail()).isTrue();
        assertThat(check.detail()).contains("JDK " + FEATURE);
        if (mode == Mode.PLATFORM) {
            assertThat(check.detail()).contains("0 pins").contains("pinning is a virtual-thread notion");
        }
    }

    /** Blocking inside an FFM upcall pins each virtual thread, with the native-frame reason, at our comparator. */
    @ParameterizedTest
    @EnumSource(
            value = Mode.class,
            names = {"VIRTUAL", "STRUCTURED"})
    void blockingInAnUpcallPinsWithTheNativeFrameReason(Mode mode) throws Exception {
        List<Pin> pins;
        try (UpcallSort sort = new UpcallSort(SLEEP)) {
            pins = Outcome.observe(mode, 3, sort::sort).pins();
        }
        assertThat(pins).hasSizeGreaterThanOrEqualTo(3).allSatisfy(pin -> {
            assertThat(pin.reason()).isEqualTo("Native or VM frame on stack");
            assertThat(pin.cause()).isEqualTo(PinCause.NATIVE_FRAME);
            assertThat(pin.topFrame()).startsWith(UpcallSort.class.getName() + ".compareSleeping");
            assertThat(pin.carrier()).startsWith("ForkJoinPool");
        });
    }

    /**
     * The constructor meets the FFM machinery first, on the calling thread, so a task initializes none of
     * its classes: tasks that did waited, pinned, for another to finish (a class-init-wait of
     * {@code LayoutPath}, a contended monitor of the var handle cache that counted as the pattern's own
     * pin). Read from the class+init log of a fresh child JVM, where the task's carrier names the thread.
     */
    @Test
    void theTasksInitializeNoneOfTheFfmMachinery() throws Exception {
        ChildJvm.Result child = ChildJvm.run(
                List.of("-Xlog:class+init=info", "--enable-native-access=ALL-UNNAMED"),
                SortOnAVirtualThread.class,
                List.of(),
                Duration.ofMinutes(1)); // a backstop
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        List<String> initialized = child.stdout().stream()
                .filter(line -> line.contains(" Initializing '"))
                .toList();
        assertThat(initialized)
                .as("the log names the FFM classes it initializes")
                .anyMatch(line -> line.contains("'jdk/internal/foreign/LayoutPath'"));
        assertThat(initialized)
                .filteredOn(line -> line.contains("jdk/internal/foreign/") || line.contains("SegmentVarHandle"))
                .allMatch(line -> line.endsWith("by thread \"main\""));
    }

    /** Makes an {@code UpcallSort} on {@code main} and sorts once on a virtual thread, in a fresh JVM. */
    static final class SortOnAVirtualThread {
        public static void main(String[] args) throws Exception {
            try (UpcallSort sort = new UpcallSort(Duration.ofMillis(1));
                    ExecutorService task = Executors.newVirtualThreadPerTaskExecutor()) {
                task.submit(sort::sort).get();
            }
        }
    }

    /** The initializing thread pins in {@code <clinit>}; the others pin waiting for it. */
    @ParameterizedTest
    @EnumSource(
            value = Mode.class,
            names = {"VIRTUAL", "STRUCTURED"})
    void blockingInAStaticInitializerPinsTheInitializerAndItsWaiters(Mode mode) throws Exception {
        assumeTrue(FEATURE >= 24, "pinnedReason exists since JDK 24");
        List<Pin> pins = Outcome.observe(mode, 1, new ClassInitBlocking()).pins();
        assertThat(pins).anySatisfy(pin -> {
            assertThat(pin.reason()).isEqualTo("VM call to " + SlowStaticInit.class.getName() + ".<clinit> on stack");
            assertThat(pin.cause()).isEqualTo(PinCause.CLASS_INIT);
            assertThat(pin.subject()).isEqualTo(SlowStaticInit.class.getName());
            assertThat(pin.topFrame()).startsWith(SlowStaticInit.class.getName() + ".<clinit>");
        });
    }

    /** JEP 491 (JDK 24): sleeping in synchronized, and contending for it, unmounts. */
    @ParameterizedTest
    @EnumSource(
            value = Mode.class,
            names = {"VIRTUAL", "STRUCTURED"})
    void synchronizedNoLongerPinsSinceJdk24(Mode mode) throws Exception {
        assumeTrue(FEATURE >= 24, "JEP 491 is in JDK 24");
        assertThat(Outcome.observe(mode, 4, GuardedSleep.inSynchronized(SLEEP)).pins())
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aReentrantLockNeverPins(Mode mode) throws Exception {
        assertThat(Outcome.observe(mode, 4, GuardedSleep.inReentrantLock(SLEEP)).pins())
                .isEmpty();
    }

    /** -XX:LockingMode=1 restores JDK 21-23 monitors: the child JVM sees monitor pins for the same code. */
    @Test
    void legacyLockingInAChildJvmPinsOnTheMonitorAsJdk21Did() throws Exception {
        assumeTrue(FEATURE >= 24 && FEATURE <= 25, "LockingMode=1 is the JDK 21-23 monitor on JDK 24 and 25");
        PinningPattern pattern = new PinningPattern();
        Check check = pattern.run(
                Mode.VIRTUAL,
                pattern.variant("synchronized-jdk21"),
                Workload.resolve(pattern, Mode.VIRTUAL, 2, Map.of(PinningPattern.SLEEP_MS.name(), "5")));
        assertThat(check.verdict()).as(check.detail()).isEqualTo(Check.Verdict.DEMONSTRATED);
        assertThat(check.detail())
                .contains("Freeze or preempt failed")
                .contains("monitor: ")
                .contains(GuardedSleep.class.getName());
    }

    @Test
    void theCheckFailsWhenTheObservationContradictsTheJdk() {
        Pin pin =
                Pin.of("Native or VM frame on stack", "LockSupport.park", "t", 1, "c", Duration.ZERO, List.of("a.B.c"));
        PinningPattern.Expectation none = PinningPattern.expected("reentrant-lock", Mode.VIRTUAL, 25);
        assertThat(PinningPattern.check(none, seen(pin), 25, false).verdict()).isEqualTo(Check.Verdict.FAILED);
        PinningPattern.Expectation some = PinningPattern.expected("ffm-upcall", Mode.VIRTUAL, 25);
        assertThat(PinningPattern.check(some, seen(), 25, true).verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(PinningPattern.check(some, seen(pin), 25, true).verdict()).isEqualTo(Check.Verdict.DEMONSTRATED);
        Pin other = Pin.of(
                "Freeze or preempt failed (4)", "LockSupport.park", "t", 1, "c", Duration.ZERO, List.of("a.B.c"));
        assertThat(PinningPattern.check(some, seen(other), 25, true).verdict())
                .as("wrong cause")
                .isEqualTo(Check.Verdict.FAILED);
    }

    /** A cold JVM's first use of a class pins; it is set apart and never fails a variant that does not pin. */
    @Test
    void pinsOfAClassesFirstUseNeverDecideTheCheck() {
        Pin loading = Pin.of(
                "Freeze or preempt failed (2)",
                "Contended monitor enter",
                "t",
                1,
                "c",
                Duration.ZERO,
                List.of(
                        "jdk.internal.loader.BuiltinClassLoader.loadClassOrNull",
                        "java.lang.ClassLoader.loadClass",
                        "dev.loompatterns.pinning.Blocking.call:21"));
        Pin harnessInit = Pin.of(
                "Waited for initialization of dev.loompatterns.core.RunGate by another thread",
                "Object.wait",
                "t",
                1,
                "c",
                Duration.ZERO,
                List.of("dev.loompatterns.pinning.Blocking.call:21"));
        List<Pin> both = List.of(loading, harnessInit);
        assertThat(both)
                .allSatisfy(pin -> assertThat(pin.origin(Outcome.OWN_CODE)).isEqualTo(PinOrigin.FIRST_USE));
        PinningPattern.Expectation none = PinningPattern.expected("reentrant-lock", Mode.VIRTUAL, 25);
        Check check = PinningPattern.check(none, new Outcome(List.of(), both), 25, false);
        assertThat(check.verdict()).isEqualTo(Check.Verdict.PASSED);
        assertThat(check.detail())
                .startsWith("0 pins (not counted: 1 x class-init-wait of dev.loompatterns.core.RunGate, 1 x"
                        + " class-loading)");
    }

    /** A wrong way on platform threads has no carrier to pin: nothing to show, and it says so. */
    @Test
    void aWrongWayOnPlatformThreadsIsNotShown() {
        PinningPattern.Expectation platform = PinningPattern.expected("ffm-upcall", Mode.PLATFORM, 25);
        Check check = PinningPattern.check(platform, seen(), 25, true);
        assertThat(check.verdict()).isEqualTo(Check.Verdict.NOT_SHOWN);
        assertThat(check.detail()).contains("pinning is a virtual-thread notion");
    }

    private static Outcome seen(Pin... pins) {
        return new Outcome(List.of(pins), List.of());
    }

    @Test
    void whatIsExpectedDependsOnTheJdkVersion() {
        assertThat(PinningPattern.expected("synchronized", Mode.VIRTUAL, 21).pins())
                .isTrue();
        assertThat(PinningPattern.expected("synchronized", Mode.VIRTUAL, 21).cause())
                .isEqualTo(PinCause.MONITOR);
        assertThat(PinningPattern.expected("synchronized", Mode.VIRTUAL, 24).pins())
                .isFalse();
        assertThat(PinningPattern.expected("ffm-upcall", Mode.PLATFORM, 25).pins())
                .isFalse();
    }

    /** The variant's description in catalogue.txt names the flag its child JVM is started with. */
    @Test
    void theLegacyVariantNamesTheFlagItsChildIsGiven() {
        assertThat(PinningPattern.INFO.variant("synchronized-jdk21").description())
                .contains("with " + PinningPattern.LEGACY_LOCKING + ":");
    }

    /**
     * On JDK 26 the flag is obsolete (JDK-8359437): the variant says so instead of starting a child that cannot show
     * it.
     */
    @Test
    void legacyLockingIsNotTriedWhereTheJdkNoLongerHasIt() throws Exception {
        PinningPattern.Expectation expected = PinningPattern.expected("synchronized-jdk21", Mode.VIRTUAL, 26);
        Check check = PinningPattern.legacyMonitors(Mode.VIRTUAL, 2, SLEEP, expected, 26, true);
        assertThat(check.verdict()).isEqualTo(Check.Verdict.NOT_SHOWN);
        assertThat(check.detail()).contains("JDK 26").contains("JDK-8359437");
    }

    /**
     * What the legacy child printed decides: a JVM without the flag is not shown, a child that failed or printed no
     * count fails, and its monitor pins, read back from their lines, are shown.
     */
    @Test
    void theLegacyChildsOutputDecidesTheCheck() {
        PinningPattern.Expectation expected = PinningPattern.expected("synchronized-jdk21", Mode.VIRTUAL, 25);
        Check noFlag = PinningPattern.checkChild(
                new ChildJvm.Result(
                        1,
                        List.of(),
                        "Unrecognized VM option 'LockingMode=1'\nError: Could not create the Java Virtual Machine.\n"),
                expected,
                27,
                true);
        assertThat(noFlag.verdict()).isEqualTo(Check.Verdict.NOT_SHOWN);
        assertThat(noFlag.detail()).contains("JDK 27 no longer has " + PinningPattern.LEGACY_LOCKING);
        assertThat(PinningPattern.checkChild(
                                new ChildJvm.Result(
                                        0,
                                        List.of("pins=0"),
                                        "VM warning: Ignoring option LockingMode; support was removed"),
                                expected,
                                26,
                                true)
                        .verdict())
                .isEqualTo(Check.Verdict.NOT_SHOWN);

        Check crashed = PinningPattern.checkChild(
                new ChildJvm.Result(1, List.of(), "Exception in thread \"main\" java.lang.IllegalStateException\n"),
                expected,
                25,
                true);
        assertThat(crashed)
                .extracting(Check::verdict, Check::detail)
                .containsExactly(
                        Check.Verdict.FAILED,
                        "child JVM exited 1: Exception in thread \"main\" java.lang.IllegalStateException");
        assertThat(PinningPattern.checkChild(new ChildJvm.Result(0, List.of(), ""), expected, 25, true)
                        .verdict())
                .as("no count printed")
                .isEqualTo(Check.Verdict.FAILED);
        assertThat(PinningPattern.checkChild(
                        new ChildJvm.Result(1, List.of("pins=0"), "killed after its count"), expected, 25, true))
                .extracting(Check::verdict, Check::detail)
                .containsExactly(Check.Verdict.FAILED, "child JVM exited 1: killed after its count");

        Pin monitor = Pin.of(
                "Freeze or preempt failed (4)",
                "LockSupport.park",
                "t",
                1,
                "c",
                Duration.ZERO,
                List.of(GuardedSleep.class.getName() + ".run"));
        Check shown = PinningPattern.checkChild(
                new ChildJvm.Result(0, List.of(LegacyMonitorsChild.PIN + monitor.toLine(), "pins=1"), ""),
                expected,
                25,
                true);
        assertThat(shown.verdict()).as(shown.detail()).isEqualTo(Check.Verdict.DEMONSTRATED);
        assertThat(shown.detail())
                .startsWith("in a child JVM with " + PinningPattern.LEGACY_LOCKING + ": 1 pin: 1 x monitor: ");
        assertThat(PinningPattern.checkChild(new ChildJvm.Result(0, List.of("pins=0"), ""), expected, 25, true)
                        .verdict())
                .as("no monitor pin")
                .isEqualTo(Check.Verdict.FAILED);
    }

    /**
     * Ctrl-C in the start loop: the caller starts no more tasks, and those started, blocked until interrupted, end
     * (every mode).
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void anInterruptedCallerStartsNoMoreTasks(Mode mode) {
        InterruptAfterStarts.assertStopsStarting(
                10,
                2_000,
                () -> PinningPattern.FORMS.of(mode).runAll(2_000, () -> Thread.sleep(Duration.ofMinutes(10))));
    }
}
