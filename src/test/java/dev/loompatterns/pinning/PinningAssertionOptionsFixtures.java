package dev.loompatterns.pinning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.jfr.Pin;
import dev.loompatterns.jfr.PinCause;
import dev.loompatterns.jfr.PinRecorder;
import dev.loompatterns.jfr.junit.ShouldNotPin;
import dev.loompatterns.jfr.junit.ShouldPin;
import dev.loompatterns.testing.Natives;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Test classes for {@link PinningAssertionOptionsTest}, run only through JUnit's test kit
 * ({@link PinningAssertionFixtures.OnlyInTestKit}).
 */
final class PinningAssertionOptionsFixtures {

    private PinningAssertionOptionsFixtures() {}

    /** Two upcall pins on two virtual threads. */
    static void twoUpcallPins() throws Exception {
        try (UpcallSort sort = new UpcallSort(PinningAssertionTest.SLEEP)) {
            PinningPattern.FORMS.of(dev.loompatterns.core.Mode.VIRTUAL).runAll(2, sort::sort);
        }
    }

    /** Pins while a class loads: a cold JVM's kind of pin, never counted. */
    static void aClassLoadingPin() throws InterruptedException {
        Thread.ofVirtual().start(dev.loompatterns.testing.Natives::loadSlowly).join();
    }

    @ExtendWith(PinningAssertionFixtures.OnlyInTestKit.class)
    static class Tolerance {
        @Test
        @ShouldNotPin(atMost = 2)
        void twoPinsWithinATolerance() throws Exception {
            twoUpcallPins();
        }

        @Test
        @ShouldNotPin(atMost = 1)
        void twoPinsOverATolerance() throws Exception {
            twoUpcallPins();
        }
    }

    @ExtendWith(PinningAssertionFixtures.OnlyInTestKit.class)
    static class Narrowed {
        /** The pins' stacks have no frame of com.example: a library's pins, not "my" code's. */
        @Test
        @ShouldNotPin(packages = "com.example")
        void pinsOutsideTheGivenPackages() throws Exception {
            twoUpcallPins();
        }

        @Test
        @ShouldNotPin(packages = "dev.loompatterns.pinning")
        void pinsInsideTheGivenPackages() throws Exception {
            twoUpcallPins();
        }

        /** No class is in a package named so: it would count no pin. */
        @Test
        @ShouldNotPin(packages = "dev.loompatterns.*")
        void aWildcardPackage() throws Exception {
            twoUpcallPins();
        }

        /** One pin just below the test's frame: the recorded stack holds it. */
        @Test
        @ShouldNotPin(packages = "dev.loompatterns.pinning")
        void aPinJustBelowTheTest() throws InterruptedException {
            Thread.ofVirtual().start(() -> Natives.pinBelow(0)).join();
        }

        /**
         * One pin 100 calls below the test's frame, outside its package: JFR's stack, 64 frames unless set, is cut
         * before the test's frame, so whether the package called in cannot be told.
         */
        @Test
        @ShouldNotPin(packages = "dev.loompatterns.pinning")
        void aPinFarBelowTheTest() throws InterruptedException {
            Thread.ofVirtual().start(() -> Natives.pinBelow(100)).join();
        }

        @Test
        @ShouldPin(packages = "dev.loompatterns.pinning")
        void aPinFarBelowTheTestExpected() throws InterruptedException {
            Thread.ofVirtual().start(() -> Natives.pinBelow(100)).join();
        }

        /**
         * A pin in the test's package's own initializer, 100 calls below it: the stack is cut before the initializer's
         * frame, but the JVM's reason names it, so the pin is told as the package's.
         */
        @Test
        @ShouldPin(packages = "dev.loompatterns.pinning", cause = PinCause.CLASS_INIT)
        void aPinFarBelowTheTestsOwnInitializer() throws InterruptedException {
            Thread.ofVirtual().start(ParksFarBelowItsInitializer::touch).join();
        }

        /** The same pin, of a cause ignored: not counted, whatever its stack. */
        @Test
        @ShouldNotPin(packages = "dev.loompatterns.pinning", ignore = PinCause.NATIVE_FRAME)
        void aPinFarBelowTheTestIgnored() throws InterruptedException {
            Thread.ofVirtual().start(() -> Natives.pinBelow(100)).join();
        }

        /** A class's name is no package's: as a prefix it would count no pin either. */
        @Test
        @ShouldNotPin(packages = "dev.loompatterns.pinning.UpcallSort")
        void aClassForAPackage() throws Exception {
            twoUpcallPins();
        }

        /** A cause whose pins never count, a first use's: the test could never pass. */
        @Test
        @ShouldPin(cause = {PinCause.NATIVE_FRAME, PinCause.CLASS_INIT_WAIT})
        void aCauseThatNeverCounts() {}

        /** A cause asked for and ignored: no pin of it counts. */
        @Test
        @ShouldPin(cause = PinCause.NATIVE_FRAME, ignore = PinCause.NATIVE_FRAME)
        void aCauseAskedForAndIgnored() {}

        @Test
        @ShouldNotPin(ignore = PinCause.NATIVE_FRAME)
        void anIgnoredCause() throws Exception {
            twoUpcallPins();
        }

        @Test
        @ShouldPin(cause = PinCause.CLASS_INIT)
        void anotherCauseThanAskedFor() throws Exception {
            twoUpcallPins();
        }

        /**
         * Fails unless the class-loading pin happened: a pass then means "not counted", not "did not
         * pin". {@code loadSlowly} loads through a new loader each time, a class that never exists,
         * so the loading (and its pin) happens on every run, however many tests ran before.
         */
        @Test
        @ShouldNotPin
        void aFirstUseIsNeverCounted() throws InterruptedException {
            try (PinRecorder pins = PinRecorder.start()) {
                aClassLoadingPin();
                pins.stop();
                assertThat(pins.apart()).extracting(Pin::cause).contains(PinCause.CLASS_LOADING);
            }
        }
    }

    /** Parks in its initializer: its first use, from a virtual thread, pins once (class-init, counted). */
    static final class BlocksInItsInitializer {
        static {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
        }

        static void touch() {}
    }

    /** Parks 100 calls below its initializer: a class-init pin whose stack is cut before the initializer's frame. */
    static final class ParksFarBelowItsInitializer {
        static {
            Natives.parkBelow(100); // no frame of this package's but the initializer's own
        }

        static void touch() {}
    }

    /** The test's own initializer pins: the failure's hint names the test's own package to count. */
    @ExtendWith(PinningAssertionFixtures.OnlyInTestKit.class)
    static class OwnInitializerPins {
        @Test
        @ShouldNotPin
        void pins() throws InterruptedException {
            Thread.ofVirtual().start(BlocksInItsInitializer::touch).join();
        }
    }

    /** The annotation on a superclass applies to a subclass's tests. */
    @ShouldNotPin
    abstract static class AnnotatedBase {}

    @ExtendWith(PinningAssertionFixtures.OnlyInTestKit.class)
    static class InheritsTheAssertion extends AnnotatedBase {
        @Test
        void pins() throws Exception {
            twoUpcallPins();
        }
    }

    /** Its tests pin, and it expects them to. */
    @ShouldPin
    abstract static class ExpectsPins {
        @Test
        void pins() throws Exception {
            twoUpcallPins();
        }
    }

    /**
     * The subclass says otherwise: its annotation, the nearest, wins over its superclass's. Before, the test failed
     * with "@ShouldNotPin and @ShouldPin on the same element", as both were looked up with the class's inherited ones.
     */
    @ExtendWith(PinningAssertionFixtures.OnlyInTestKit.class)
    @ShouldNotPin
    static class SaysOtherwiseThanItsSuperclass extends ExpectsPins {}

    @ShouldNotPin
    interface ExpectsNoPins {}

    /** The class's own annotation wins over its interface's. */
    @ExtendWith(PinningAssertionFixtures.OnlyInTestKit.class)
    @ShouldPin
    static class SaysOtherwiseThanItsInterface implements ExpectsNoPins {
        @Test
        void pins() throws Exception {
            twoUpcallPins();
        }
    }

    /** A superclass's annotation wins over the class's interface's: the superclasses come first. */
    @ExtendWith(PinningAssertionFixtures.OnlyInTestKit.class)
    static class SuperclassBeforeInterface extends ExpectsPins implements ExpectsNoPins {}

    /** Both on one element: which applies cannot be told. */
    @ExtendWith(PinningAssertionFixtures.OnlyInTestKit.class)
    @ShouldPin
    @ShouldNotPin
    static class BothOnOneClass {
        @Test
        void pins() throws Exception {
            twoUpcallPins();
        }
    }

    /** An annotation on a set-up method, beside an annotated test and a plain one. */
    @ExtendWith(PinningAssertionFixtures.OnlyInTestKit.class)
    static class OnASetUp {
        @BeforeEach
        @ShouldNotPin
        void setUp() {}

        @Test
        @ShouldNotPin
        void annotated() throws Exception {
            twoUpcallPins();
        }

        @Test
        void plain() {}
    }

    /** An annotation on a helper, in an annotated class. */
    @ExtendWith(PinningAssertionFixtures.OnlyInTestKit.class)
    @ShouldNotPin
    static class OnAHelper {
        @ShouldPin(atLeast = 2)
        void helper() throws Exception {
            twoUpcallPins();
        }

        @Test
        void test() throws Exception {
            helper();
        }
    }

    /** The annotation only on a set-up method: JUnit never calls the extension, the annotation does nothing. */
    @ExtendWith(PinningAssertionFixtures.OnlyInTestKit.class)
    static class OnlyOnASetUp {
        @BeforeEach
        @ShouldNotPin
        void setUp() {}

        @Test
        void pins() throws Exception {
            twoUpcallPins();
        }
    }

    /** The annotation on a class applies to the tests of its {@code @Nested} classes. */
    @ExtendWith(PinningAssertionFixtures.OnlyInTestKit.class)
    @ShouldNotPin
    static class EnclosingAnnotated {
        @Nested
        class Inner {
            @Test
            void pins() throws Exception {
                twoUpcallPins();
            }
        }
    }

    /** A {@code @Nested} class declared in a superclass: JUnit runs it in each subclass. */
    abstract static class DeclaresANestedClass {
        @Nested
        class Inner {
            @Test
            void pins() throws Exception {
                twoUpcallPins();
            }
        }
    }

    /** The subclass's annotation applies to the tests of the {@code @Nested} class it inherits. */
    @ExtendWith(PinningAssertionFixtures.OnlyInTestKit.class)
    @ShouldNotPin
    static class InheritsANestedClass extends DeclaresANestedClass {}

    /** A superclass that asks for a pin, with a quiet {@code @Nested} class. */
    @ShouldPin
    abstract static class AsksForAPinAbove {
        @Nested
        class Inner {
            @Test
            void quiet() throws InterruptedException {
                Thread.ofVirtual().start(() -> {}).join();
            }
        }
    }

    /** The subclass's annotation wins over its superclass's for the {@code @Nested} class it inherits. */
    @ExtendWith(PinningAssertionFixtures.OnlyInTestKit.class)
    @ShouldNotPin
    static class OverridesAboveForItsNestedClass extends AsksForAPinAbove {}

    /** The annotation on a {@code @TestFactory} applies to each of its dynamic tests. */
    @ExtendWith(PinningAssertionFixtures.OnlyInTestKit.class)
    static class AnnotatedFactory {
        @TestFactory
        @ShouldNotPin
        Stream<DynamicTest> pins() {
            return Stream.of(DynamicTest.dynamicTest("pins", PinningAssertionOptionsFixtures::twoUpcallPins));
        }
    }

    /** The annotation on a class applies to the dynamic tests of its factories. */
    @ExtendWith(PinningAssertionFixtures.OnlyInTestKit.class)
    @ShouldNotPin
    static class AnnotatedClassWithAFactory {
        @TestFactory
        Stream<DynamicTest> pins() {
            return Stream.of(DynamicTest.dynamicTest("pins", PinningAssertionOptionsFixtures::twoUpcallPins));
        }
    }

    /** How long a test of {@link InParallel} or {@link BesideAPinner} waits for the other to be running too. */
    static final long WAIT_FOR_THE_OTHER_MS = 2_000;

    /**
     * Two annotated tests of a class that asks for concurrent execution (the test kit enables parallel
     * execution): each waits a while for the other to be running too. Under the annotations' lock they run one
     * after the other, and both pass; before, the second ran inside the first's window and failed.
     */
    @ExtendWith(PinningAssertionFixtures.OnlyInTestKit.class)
    @Execution(ExecutionMode.CONCURRENT)
    @ShouldNotPin
    static class InParallel {
        static final CountDownLatch FIRST_INSIDE = new CountDownLatch(1);
        static final CountDownLatch SECOND_DONE = new CountDownLatch(1);

        @Test
        void first() throws InterruptedException {
            FIRST_INSIDE.countDown();
            SECOND_DONE.await(WAIT_FOR_THE_OTHER_MS, TimeUnit.MILLISECONDS);
        }

        @Test
        void second() throws InterruptedException {
            FIRST_INSIDE.await(WAIT_FOR_THE_OTHER_MS, TimeUnit.MILLISECONDS);
            SECOND_DONE.countDown();
        }
    }

    /**
     * A quiet annotated test and a test that pins, in a class that asks for concurrent execution: each waits a while
     * for the other to be running too, and the pinning test pins while the quiet one's window would be open. The
     * quiet test creates a thread, so its window reads the stream. Before the annotations took JUnit's global lock,
     * the two ran together and the quiet test was charged the other's pin.
     */
    @ExtendWith(PinningAssertionFixtures.OnlyInTestKit.class)
    @Execution(ExecutionMode.CONCURRENT)
    static class BesideAPinner {
        static final CountDownLatch QUIET_INSIDE = new CountDownLatch(1);
        static final CountDownLatch PINNED = new CountDownLatch(1);

        @Test
        @ShouldNotPin
        void quiet() throws InterruptedException {
            Thread.ofVirtual().start(() -> {}).join();
            QUIET_INSIDE.countDown();
            PINNED.await(WAIT_FOR_THE_OTHER_MS, TimeUnit.MILLISECONDS);
        }

        @Test
        void pins() throws Exception {
            QUIET_INSIDE.await(WAIT_FOR_THE_OTHER_MS, TimeUnit.MILLISECONDS);
            PinningAssertionTest.upcallOnAVirtualThread();
            PINNED.countDown();
        }
    }

    /**
     * The first test leaves a virtual thread behind that pins while the second runs; the second
     * creates a thread of its own and must not be charged with the first's pin.
     */
    @ExtendWith(PinningAssertionFixtures.OnlyInTestKit.class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class LeftBehind {
        static final CountDownLatch GO = new CountDownLatch(1);
        static Thread leftBehind;

        @Test
        @Order(1)
        @ShouldNotPin
        void leavesAThreadBehind() {
            UpcallSort sort = new UpcallSort(PinningAssertionTest.SLEEP);
            leftBehind = Thread.ofVirtual().start(() -> {
                try {
                    GO.await();
                    sort.sort();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    sort.close();
                }
            });
        }

        @Test
        @Order(2)
        @ShouldNotPin
        void isNotChargedWithItsPin() throws InterruptedException {
            Thread mine = Thread.ofVirtual().start(() -> {});
            GO.countDown();
            leftBehind.join();
            mine.join();
        }
    }

    /**
     * The first test times out under {@code @Timeout} on a thread of its own and does not stop on an interrupt, so
     * JUnit goes on while it runs; the second waits until its body has begun, its window open (JUnit's 100 ms may
     * run out before a loaded machine starts the stream); the third is judged while it still runs; the fourth lets it
     * end and waits until its thread has; the fifth is judged after.
     */
    @ExtendWith(PinningAssertionFixtures.OnlyInTestKit.class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class TimedOutOnItsOwnThread {
        static volatile CountDownLatch release = new CountDownLatch(1);
        static volatile Thread stuck;

        /** Before a run: the first test blocks again. */
        static void reset() {
            release = new CountDownLatch(1);
            stuck = null;
        }

        @Test
        @Order(1)
        @ShouldNotPin
        @org.junit.jupiter.api.Timeout(
                value = 100,
                unit = TimeUnit.MILLISECONDS,
                threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
        void timesOutDeafToInterrupts() {
            stuck = Thread.currentThread();
            boolean interrupted = false;
            CountDownLatch released = release;
            while (released.getCount() > 0) {
                try {
                    released.await();
                } catch (InterruptedException e) {
                    interrupted = true; // deaf to it, as a busy loop or an uninterruptible call is
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        @Test
        @Order(2)
        void waitsForItsBody() throws InterruptedException {
            dev.loompatterns.testing.Background.awaitUntil(() -> stuck != null);
        }

        @Test
        @Order(3)
        @ShouldNotPin
        void judgedWhileItRuns() {}

        @Test
        @Order(4)
        void letsItEnd() throws InterruptedException {
            release.countDown();
            dev.loompatterns.testing.Background.awaitUntil(() -> !stuck.isAlive());
        }

        @Test
        @Order(5)
        @ShouldNotPin
        void judgedAfter() {}
    }
}
