package dev.loompatterns.pinning;

import dev.loompatterns.jfr.junit.ShouldNotPin;
import dev.loompatterns.jfr.junit.ShouldPin;
import dev.loompatterns.testing.Background;
import dev.loompatterns.testing.Jdk21Pins;
import dev.loompatterns.testing.PinRecording;
import java.util.concurrent.CountDownLatch;
import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Test classes that {@link PinningAssertionTest} runs through JUnit's test kit to see them fail.
 * Not named {@code *Test}, and disabled unless the test kit sets {@link #ENABLED}, so a build
 * never runs them on their own.
 */
final class PinningAssertionFixtures {

    static final String ENABLED = "loompatterns.fixtures";

    private PinningAssertionFixtures() {}

    /** Runs a fixture only when the test kit asks for it. */
    static final class OnlyInTestKit implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(ENABLED).isPresent()
                    ? ConditionEvaluationResult.enabled("run by PinningAssertionTest")
                    : ConditionEvaluationResult.disabled("a fixture of PinningAssertionTest");
        }
    }

    /**
     * A reviewer's user test: an annotated test with a short {@code @Timeout} that starts one virtual thread, as the
     * first annotated test of a fresh JVM. {@link StreamAtInvocation}, an interceptor outside the assertion's and
     * inside JUnit's timeout, says whether the assertion's stream was running when the timed invocation began.
     */
    @ExtendWith({OnlyInTestKit.class, StreamAtInvocation.class})
    static class QuickWithATimeout {
        @Test
        @ShouldNotPin
        @org.junit.jupiter.api.Timeout(value = 250, unit = java.util.concurrent.TimeUnit.MILLISECONDS)
        void quick() throws InterruptedException {
            Thread.ofVirtual().start(() -> {}).join();
        }
    }

    /** Prints {@code streamAtInvocation=true} if a stream of the assertion's runs as the test method is invoked. */
    static final class StreamAtInvocation implements org.junit.jupiter.api.extension.InvocationInterceptor {
        @Override
        public void interceptTestMethod(
                Invocation<Void> invocation,
                org.junit.jupiter.api.extension.ReflectiveInvocationContext<java.lang.reflect.Method> invocationContext,
                ExtensionContext extensionContext)
                throws Throwable {
            System.out.println(
                    "streamAtInvocation=" + !PinRecording.streamRecordings().isEmpty());
            invocation.proceed();
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    static class PinsButShouldNot {
        @Test
        @ShouldNotPin
        void pins() throws Exception {
            PinningAssertionTest.upcallOnAVirtualThread();
        }
    }

    /**
     * A pin as JDK 21 records it, with no {@code pinnedReason} ({@link Jdk21Pins}: an event type of that name and
     * shape, committed in an upcall on a virtual thread). Run in a child JVM, whose event types it alone adds to.
     */
    @ExtendWith(OnlyInTestKit.class)
    static class Jdk21ShapedPinButShouldNot {
        @Test
        @ShouldNotPin
        void pins() throws Exception {
            PinningPattern.FORMS.of(dev.loompatterns.core.Mode.VIRTUAL).runAll(1, Jdk21Pins::inAnUpcall);
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    static class ShouldPinButDoesNot {
        @Test
        @ShouldPin(reason = "<clinit>")
        void doesNotPin() throws Exception {
            PinningAssertionTest.reentrantLockOnVirtualThreads();
        }
    }

    /** A test that expects a pin and creates no thread: JFR is not asked, and the message says why none was seen. */
    @ExtendWith(OnlyInTestKit.class)
    static class ShouldPinWithoutAThread {
        @Test
        @ShouldPin
        void createsNoThread() {}
    }

    /**
     * Tests that close the recording behind the assertion's stream, as code that closes every recording
     * does. The one whose window was open is told so; a later test, under a window of its own, is not
     * blamed. The recordings closed are only the streams' ({@code Recording Stream: ...}), so that a
     * recording someone runs around the build is left alone.
     */
    @ExtendWith(OnlyInTestKit.class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ClosesTheRecordings {
        static void closeTheStreamsRecordings() {
            PinRecording.streamRecordings().forEach(Recording::close);
        }

        @Test
        @Order(1)
        @ShouldPin
        void pinsThenClosesTheRecordings() throws Exception {
            PinningAssertionTest.upcallOnAVirtualThread();
            closeTheStreamsRecordings();
        }

        /** On a platform thread that starts none: the window could not pin, so its stream is kept, closed. */
        @Test
        @Order(2)
        @ShouldNotPin
        void closesTheRecordingsAndStartsNoThread() {
            closeTheStreamsRecordings();
        }

        @Test
        @Order(3)
        @ShouldPin
        void pinsAfterwards() throws Exception {
            PinningAssertionTest.upcallOnAVirtualThread();
        }
    }

    /** A virtual thread started before the test (in a field initializer) pins during it: not counted. */
    @ExtendWith(OnlyInTestKit.class)
    static class OtherThreadPins {
        final CountDownLatch go = new CountDownLatch(1);
        final UpcallSort sort = new UpcallSort(PinningAssertionTest.SLEEP);
        final Background<Void> before = PinRecording.alreadyRunning(go, sort::sort);

        /** Runs before the recorder starts: the thread has mounted, so its start is not in the recording. */
        @BeforeEach
        void waitUntilTheThreadWaits() throws InterruptedException {
            Thread thread = before.thread();
            Background.awaitUntil(() -> thread.getState() == Thread.State.WAITING || !thread.isAlive());
            if (!thread.isAlive()) { // else the wait would spin until the kit's timeout, saying nothing of why
                throw new AssertionError("the thread ended before it waited for the test");
            }
        }

        @Test
        @ShouldNotPin
        void anotherThreadPinsMeanwhile() throws Exception {
            sort.sort(); // warm-up on a platform thread: no pin
            go.countDown();
            before.join();
            sort.close();
        }
    }
}
