package dev.loompatterns.pinning;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EventConditions;
import org.junit.platform.testkit.engine.Events;
import org.junit.platform.testkit.engine.TestExecutionResultConditions;

/** What users of such assertions asked for: a tolerance, their own packages, causes to ignore, a superclass, no cross-charging. */
class PinningAssertionOptionsTest {

    static Events run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PinningAssertionFixtures.ENABLED, "true")
                .selectors(selectClass(fixture))
                .execute()
                .testEvents();
    }

    static Events run(Class<?> fixture, String method) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PinningAssertionFixtures.ENABLED, "true")
                .selectors(selectMethod(fixture, method))
                .execute()
                .testEvents();
    }

    @Test
    void atMostIsATolerance() {
        run(PinningAssertionOptionsFixtures.Tolerance.class, "twoPinsWithinATolerance")
                .assertStatistics(s -> s.succeeded(1).failed(0));
        run(PinningAssertionOptionsFixtures.Tolerance.class, "twoPinsOverATolerance")
                .failed()
                .assertThatEvents()
                .haveExactly(
                        1,
                        EventConditions.finishedWithFailure(TestExecutionResultConditions.message(
                                m -> m.startsWith("expected at most 1 pins (jdk.VirtualThreadPinned), got 2:"))));
    }

    @Test
    void packagesCountOnlyPinsWithAFrameOfThem() {
        run(PinningAssertionOptionsFixtures.Narrowed.class, "pinsOutsideTheGivenPackages")
                .assertStatistics(s -> s.succeeded(1).failed(0));
        run(PinningAssertionOptionsFixtures.Narrowed.class, "pinsInsideTheGivenPackages")
                .failed()
                .assertThatEvents()
                .haveExactly(
                        1,
                        EventConditions.finishedWithFailure(TestExecutionResultConditions.message(
                                m -> m.startsWith("expected exactly 0 pins in dev.loompatterns.pinning"
                                        + " (jdk.VirtualThreadPinned), got 2:"))));
    }

    @Test
    void anIgnoredCauseDoesNotCountAndAnotherCauseIsNotTheOneAskedFor() {
        run(PinningAssertionOptionsFixtures.Narrowed.class, "anIgnoredCause")
                .assertStatistics(s -> s.succeeded(1).failed(0));
        run(PinningAssertionOptionsFixtures.Narrowed.class, "anotherCauseThanAskedFor")
                .failed()
                .assertThatEvents()
                .haveExactly(
                        1,
                        EventConditions.finishedWithFailure(TestExecutionResultConditions.message(m -> m.startsWith(
                                        "expected at least 1 pins of cause class-init (jdk.VirtualThreadPinned), got 0")
                                && m.contains("(not counted: 2 pins: 2 x native-frame)"))));
    }

    /** A cold JVM's class loading never fails a test: the first run in a fresh JVM is judged as a later one. */
    @Test
    void aClassesFirstUseIsNeverCounted() {
        run(PinningAssertionOptionsFixtures.Narrowed.class, "aFirstUseIsNeverCounted")
                .assertStatistics(s -> s.succeeded(1).failed(0));
    }

    @Test
    void theAnnotationOnASuperclassApplies() {
        run(PinningAssertionOptionsFixtures.InheritsTheAssertion.class)
                .assertStatistics(s -> s.succeeded(0).failed(1));
    }

    @Test
    void aPinOfAThreadLeftBehindByAnEarlierTestIsNotChargedToTheNext() {
        run(PinningAssertionOptionsFixtures.LeftBehind.class)
                .assertStatistics(s -> s.succeeded(2).failed(0));
    }
}
