package dev.loompatterns.pinning;

import static dev.loompatterns.pinning.PinningAssertionTest.fixture;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.loompatterns.jfr.Pin;
import dev.loompatterns.testing.Natives;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * What users of such assertions asked for: a tolerance, their own packages, causes to ignore, a superclass, no
 * cross-charging.
 */
class PinningAssertionOptionsTest {

    @Test
    void atMostIsATolerance() {
        fixture(selectMethod(PinningAssertionOptionsFixtures.Tolerance.class, "twoPinsWithinATolerance"))
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));
        PinningAssertionTest.failedOnce(
                fixture(selectMethod(PinningAssertionOptionsFixtures.Tolerance.class, "twoPinsOverATolerance"))
                        .testEvents(),
                null,
                m -> m.startsWith("expected at most 1 pin (jdk.VirtualThreadPinned), got 2:"));
    }

    @Test
    void packagesCountOnlyPinsWithAFrameOfThem() {
        fixture(selectMethod(PinningAssertionOptionsFixtures.Narrowed.class, "pinsOutsideTheGivenPackages"))
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));
        narrowedFails(
                "pinsInsideTheGivenPackages",
                m -> m.startsWith(
                        "expected exactly 0 pins in dev.loompatterns.pinning" + " (jdk.VirtualThreadPinned), got 2:"));
    }

    /**
     * A pin of the test's threads whose stack the recording cut before any frame of the packages asked for may be
     * their code's or not: the test passes only if it passes either way. Before, such a pin was not counted, and
     * {@code @ShouldNotPin(packages = ...)} passed whatever pinned deep below the test's code.
     */
    @Test
    void aPinWhoseStackWasCutBeforeThePackagesCannotBeToldAndFailsTheTest() {
        narrowedFails(
                "aPinJustBelowTheTest",
                m -> m.startsWith(
                                "expected exactly 0 pins in dev.loompatterns.pinning (jdk.VirtualThreadPinned), got 1:")
                        && !m.contains("could not be told")
                        && !m.contains(Pin.CUT_AT_DEPTH));
        String cutBefore = "  could not be told: the recording cut its stack at its depth before any frame of"
                + " dev.loompatterns.pinning, so the test passes only if it passes with it counted and without; to"
                + " tell, record deeper stacks (a -XX:FlightRecorderOptions:stackdepth greater than the depth in force";
        narrowedFails(
                "aPinFarBelowTheTest",
                m -> m.startsWith("expected exactly 0 pins in dev.loompatterns.pinning (jdk.VirtualThreadPinned), got"
                                + " 0, and 1 that could not be told:")
                        && m.contains(System.lineSeparator() + cutBefore)
                        && m.contains("native-frame: 'Native or VM frame on stack' ")
                        && m.contains(" at " + Natives.class.getName() + ".compareIntsSlowly:")
                        && m.contains(Pin.CUT_AT_DEPTH)
                        && m.contains("  what to do, native-frame: ")
                        && !m.contains("not counted"));
        narrowedFails(
                "aPinFarBelowTheTestExpected",
                m -> m.startsWith("expected at least 1 pin in dev.loompatterns.pinning (jdk.VirtualThreadPinned), got"
                                + " 0, and 1 that could not be told:")
                        && m.contains(cutBefore)
                        && !m.contains("what to do")
                        && !m.contains("blocking ends")); // "nothing of the kind pinned" would be false
        // an initializer's pin is told by the JVM's reason, which names the class, whatever the stack kept
        for (String passes : List.of("aPinFarBelowTheTestsOwnInitializer", "aPinFarBelowTheTestIgnored")) {
            fixture(selectMethod(PinningAssertionOptionsFixtures.Narrowed.class, passes))
                    .testEvents()
                    .assertStatistics(s -> s.succeeded(1).failed(0));
        }
    }

    /** The {@link PinningAssertionOptionsFixtures.Narrowed} test of this name failed once, with such a message. */
    private static void narrowedFails(String fixtureMethod, java.util.function.Predicate<String> message) {
        PinningAssertionTest.failedOnce(
                fixture(selectMethod(PinningAssertionOptionsFixtures.Narrowed.class, fixtureMethod))
                        .testEvents(),
                null,
                message);
    }

    /**
     * A package no class can be in ({@code "dev.loompatterns.*"}, as a user wrote a wildcard) is refused: before,
     * it counted no pin, and the test passed though its threads pinned.
     */
    @Test
    void aPackageNoClassCanBeInIsAConfigurationError() {
        refusedPackage("aWildcardPackage", "dev.loompatterns.*", "is not a package name");
        refusedPackage(
                "aClassForAPackage",
                "dev.loompatterns.pinning.UpcallSort",
                "is a class, not a package (give \"dev.loompatterns.pinning\")");
    }

    private static void refusedPackage(String fixtureMethod, String packages, String why) {
        PinningAssertionTest.failedOnce(
                fixture(selectMethod(PinningAssertionOptionsFixtures.Narrowed.class, fixtureMethod))
                        .testEvents(),
                ExtensionConfigurationException.class,
                m -> m.startsWith("@ShouldNotPin(packages = \"" + packages + "\") on ")
                        && m.contains(why)
                        && m.endsWith("the test would pass whatever pinned"));
    }

    @Test
    void anIgnoredCauseDoesNotCountAndAnotherCauseIsNotTheOneAskedFor() {
        fixture(selectMethod(PinningAssertionOptionsFixtures.Narrowed.class, "anIgnoredCause"))
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));
        PinningAssertionTest.failedOnce(
                fixture(selectMethod(PinningAssertionOptionsFixtures.Narrowed.class, "anotherCauseThanAskedFor"))
                        .testEvents(),
                null,
                m -> m.startsWith("expected at least 1 pin of cause class-init (jdk.VirtualThreadPinned), got 0")
                        && m.contains("(not counted: 2 pins: 2 x native-frame)"));
    }

    /**
     * {@code @ShouldPin} asking for a cause whose pins never count (a first use, JFR's own), or for one it ignores, is
     * refused in one line. Before, {@code @ShouldPin(cause = CLASS_INIT_WAIT)} could never pass, and its failure said
     * it got 0 pins of that cause while listing one as not counted (a reviewer's finding).
     */
    @Test
    void aCauseThatCannotCountIsAConfigurationError() {
        PinningAssertionTest.failedOnce(
                fixture(selectMethod(PinningAssertionOptionsFixtures.Narrowed.class, "aCauseThatNeverCounts"))
                        .testEvents(),
                ExtensionConfigurationException.class,
                m -> m.startsWith("@ShouldPin on ")
                        && m.endsWith(".aCauseThatNeverCounts(): cause = CLASS_INIT_WAIT: such pins never count,"
                                + " being a class's first use or JFR's own (see PinTaxonomy), so asking for them counts"
                                + " none; ask only for causes that count: {NATIVE_FRAME, CLASS_INIT, MONITOR, OTHER}"));
        PinningAssertionTest.failedOnce(
                fixture(selectMethod(PinningAssertionOptionsFixtures.Narrowed.class, "aCauseAskedForAndIgnored"))
                        .testEvents(),
                ExtensionConfigurationException.class,
                m -> m.endsWith(".aCauseAskedForAndIgnored(): cause = NATIVE_FRAME and ignore = NATIVE_FRAME: a cause"
                        + " both asked for and ignored counts no pin; drop it from one of them"));
    }

    /**
     * A cold JVM's class loading never fails a test: the first run in a fresh JVM is judged as a later
     * one. The fixture passes only if the class-loading pin happened (it records it apart).
     */
    @Test
    void aClassesFirstUseIsNeverCounted() {
        fixture(selectMethod(PinningAssertionOptionsFixtures.Narrowed.class, "aFirstUseIsNeverCounted"))
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));
    }

    /**
     * A counted initializer's hint names the test's own package as the one to count: it named the docs'
     * {@code "com.example"}, which a test author applied as it was, and their test then counted no pin and passed.
     * The fixture's initializer runs once in the JVM: only this test runs it.
     */
    @Test
    void aCountedInitializersHintNamesTheTestsOwnPackage() {
        PinningAssertionTest.failedOnce(
                fixture(selectClass(PinningAssertionOptionsFixtures.OwnInitializerPins.class))
                        .testEvents(),
                null,
                m -> m.startsWith("expected exactly 0 pins (jdk.VirtualThreadPinned), got 1:")
                        && m.contains("class-init")
                        && m.contains(
                                "count only your own packages: packages = \"dev.loompatterns.pinning\", the test's"
                                    + " own, or"
                                    + " PinRecorder.start(PinTaxonomy.packages(List.of(\"dev.loompatterns.pinning\"))))"
                                        + System.lineSeparator())
                        && m.endsWith("  (asked for by @ShouldNotPin on "
                                + PinningAssertionOptionsFixtures.OwnInitializerPins.class.getName() + ".pins())"));
    }

    @Test
    void theAnnotationOnASuperclassApplies() {
        fixture(selectClass(PinningAssertionOptionsFixtures.InheritsTheAssertion.class))
                .testEvents()
                .assertStatistics(s -> s.succeeded(0).failed(1));
    }

    /**
     * The nearest element that carries an annotation decides: the class, its superclasses, then interfaces. Before,
     * a subclass or an interface that said otherwise than its superclass or implementer made every test fail with
     * "@ShouldNotPin and @ShouldPin on the same element".
     */
    @Test
    void theNearestAnnotationWinsTheClassThenItsSuperclassesThenInterfaces() {
        failsOnce(
                PinningAssertionOptionsFixtures.SaysOtherwiseThanItsSuperclass.class,
                AssertionError.class,
                m -> m.startsWith("expected exactly 0 pins (jdk.VirtualThreadPinned), got 2:"));
        for (Class<?> fixture : List.of(
                PinningAssertionOptionsFixtures.SaysOtherwiseThanItsInterface.class,
                PinningAssertionOptionsFixtures.SuperclassBeforeInterface.class)) {
            passesOnce(fixture);
        }
    }

    @Test
    void bothAnnotationsOnOneElementAreAConflict() {
        PinningAssertionTest.failedOnce(
                fixture(selectClass(PinningAssertionOptionsFixtures.BothOnOneClass.class))
                        .testEvents()
                        .assertStatistics(s -> s.succeeded(0).failed(1)),
                ExtensionConfigurationException.class,
                m -> m.startsWith("@ShouldNotPin and @ShouldPin on the same element: ")
                        && m.endsWith("$BothOnOneClass"));
    }

    /**
     * An annotation on a method that is not a test fails the class's tests that JUnit runs through the extension,
     * naming the method. Before, it was silently ignored: a test that relied on it passed unchecked.
     */
    @Test
    void anAnnotationOnAMethodThatIsNotATestFailsNamingTheMethod() {
        PinningAssertionTest.failedOnce(
                fixture(selectClass(PinningAssertionOptionsFixtures.OnASetUp.class))
                        .testEvents()
                        .assertStatistics(s -> s.succeeded(1).failed(1)),
                ExtensionConfigurationException.class,
                m -> m.startsWith("@ShouldNotPin on " + PinningAssertionOptionsFixtures.OnASetUp.class.getName()
                                + ".setUp(), which is not a test method:")
                        && m.contains("put them on the test methods or on the class"));
        PinningAssertionTest.failedOnce(
                fixture(selectClass(PinningAssertionOptionsFixtures.OnAHelper.class))
                        .testEvents()
                        .assertStatistics(s -> s.succeeded(0).failed(1)),
                null,
                m -> m.startsWith("@ShouldPin on " + PinningAssertionOptionsFixtures.OnAHelper.class.getName()
                        + ".helper(), which is not a test method:"));
    }

    /** Where no test of the class is annotated, JUnit never calls the extension: the annotation does nothing. */
    @Test
    void anAnnotationOnlyOnAMethodThatIsNotATestIsNotSeen() {
        fixture(selectClass(PinningAssertionOptionsFixtures.OnlyOnASetUp.class))
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));
    }

    /** Before, the tests of a {@code @Nested} class and dynamic tests ran unchecked, and passed. */
    @Test
    void theAnnotationAppliesToNestedAndDynamicTests() {
        for (Class<?> fixture : List.of(
                PinningAssertionOptionsFixtures.EnclosingAnnotated.class,
                PinningAssertionOptionsFixtures.AnnotatedFactory.class,
                PinningAssertionOptionsFixtures.AnnotatedClassWithAFactory.class)) {
            failsOnce(
                    fixture,
                    null,
                    m -> m.startsWith("expected exactly 0 pins (jdk.VirtualThreadPinned), got ")
                            && m.contains("native-frame: 'Native or VM frame on stack'"));
        }
    }

    /**
     * A {@code @Nested} class inherited from a superclass runs in the subclass, whose annotation applies: the class
     * that declares it was read, so a pin went unseen under the subclass's {@code @ShouldNotPin}, and a quiet test
     * failed under the superclass's {@code @ShouldPin} (a helper's hunt).
     */
    @Test
    void anInheritedNestedClassIsJudgedByTheClassItRunsIn() {
        failsOnce(
                PinningAssertionOptionsFixtures.InheritsANestedClass.class,
                null,
                m -> m.startsWith("expected exactly 0 pins (jdk.VirtualThreadPinned), got ")
                        && m.endsWith(System.lineSeparator() + "  (asked for by @ShouldNotPin on "
                                + PinningAssertionOptionsFixtures.InheritsANestedClass.class.getName() + ")"));
        passesOnce(PinningAssertionOptionsFixtures.OverridesAboveForItsNestedClass.class);
    }

    /** The fixture's one test failed, of {@code type} if not null, with a message {@code message} accepts. */
    private static void failsOnce(
            Class<?> fixture, Class<? extends Throwable> type, java.util.function.Predicate<String> message) {
        PinningAssertionTest.failedOnce(
                fixture(selectClass(fixture))
                        .testEvents()
                        .assertStatistics(s -> s.succeeded(0).failed(1)),
                type,
                message);
    }

    /** The fixture's one test passed. */
    private static void passesOnce(Class<?> fixture) {
        fixture(selectClass(fixture))
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));
    }

    /** The annotations' tests under JUnit's parallel execution, with the parameters that turn it on. */
    static EngineTestKit.Builder inParallel() {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PinningAssertionFixtures.ENABLED, "true")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2");
    }

    /**
     * Under JUnit's parallel execution, two annotated tests run one after the other: the annotations take JUnit's
     * global resource lock, as {@code @Isolated} does. Before, they ran together, and the second failed with "another
     * test under @ShouldNotPin or @ShouldPin is running at the same time" unless the user had put {@code @Isolated}
     * on the class.
     */
    @Test
    void twoAnnotatedTestsOfAConcurrentClassRunOneAfterTheOther() {
        bothPass(inParallel(), PinningAssertionOptionsFixtures.InParallel.class);
    }

    /**
     * Under JUnit's parallel execution, a quiet annotated test is not charged with the pin of a test that would have
     * run beside it. Before, it was (its threads are those created while it ran), and its failure only said in a
     * last line that the pins might be another test's, with {@code @Isolated} to be added by hand.
     */
    @Test
    void aQuietAnnotatedTestIsNotChargedWithThePinOfATestThatWouldRunBesideIt() {
        bothPass(
                inParallel().configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent"),
                PinningAssertionOptionsFixtures.BesideAPinner.class);
    }

    /** The fixture's two tests, run by the kit, both passed. */
    private static void bothPass(EngineTestKit.Builder kit, Class<?> fixture) {
        kit.selectors(selectClass(fixture))
                .execute()
                .testEvents()
                .assertStatistics(s -> s.succeeded(2).failed(0));
    }

    /**
     * A test that timed out on a thread of its own and runs on, deaf to interrupts, holds its window: the next
     * annotated test is told which test that is and why it still runs, not that tests run in parallel (they did not),
     * and once it has returned the tests after it are judged again. A review's finding.
     */
    @Test
    @org.junit.jupiter.api.Timeout(120) // backstop only: the fixture's waits poll
    void aTestThatTimedOutOnItsOwnThreadAndRunsOnIsNamedToTheNext() {
        timedOutOnItsOwnThread(
                EngineTestKit.engine("junit-jupiter").configurationParameter(PinningAssertionFixtures.ENABLED, "true"));
    }

    /**
     * The same under JUnit's parallel execution, where the global lock kept the tests apart: the test JUnit ended
     * and went on without is told as such. Before, the text was chosen by the parallel setting alone, and said the
     * tests ran at the same time and to turn parallel execution off (a reviewer's finding, JUnit 5.11.4 and 6.1.3).
     */
    @Test
    @org.junit.jupiter.api.Timeout(120) // backstop only: the fixture's waits poll
    void underParallelExecutionATestThatTimedOutOnItsOwnThreadIsToldAsRunningOnNotBeside() {
        timedOutOnItsOwnThread(
                inParallel().configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent"));
    }

    private static void timedOutOnItsOwnThread(EngineTestKit.Builder kit) {
        PinningAssertionOptionsFixtures.TimedOutOnItsOwnThread.reset();
        org.junit.platform.testkit.engine.Events events;
        try {
            events = kit.selectors(selectClass(PinningAssertionOptionsFixtures.TimedOutOnItsOwnThread.class))
                    .execute()
                    .testEvents();
        } finally { // whatever went wrong, the stuck test's thread ends
            PinningAssertionOptionsFixtures.TimedOutOnItsOwnThread.release.countDown();
        }

        events.assertStatistics(s -> s.succeeded(3).failed(2));
        PinningAssertionTest.failedOnce(
                events,
                ExtensionConfigurationException.class,
                m -> m.contains("another test under @ShouldNotPin or @ShouldPin, 'timesOutDeafToInterrupts()' (on"
                                + " thread '")
                        && m.contains("has not returned, though JUnit went on without it")
                        && !m.contains("parallel"));
        PinningAssertionTest.failedOnce(
                events, java.util.concurrent.TimeoutException.class, m -> m.contains("timed out after 100"));
    }

    @Test
    void aPinOfAThreadLeftBehindByAnEarlierTestIsNotChargedToTheNext() {
        fixture(selectClass(PinningAssertionOptionsFixtures.LeftBehind.class))
                .testEvents()
                .assertStatistics(s -> s.succeeded(2).failed(0));
    }
}
