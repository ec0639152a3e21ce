package dev.loompatterns.jfr.junit;

import dev.loompatterns.jfr.PinRecorder;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link ShouldNotPin} and {@link ShouldPin} (registered by the
 * annotations themselves). It wraps the test method, and only the test method, in a
 * {@link PinRecorder}: every {@code jdk.VirtualThreadPinned} event with threshold 0 and its stack
 * trace, recorded by a JFR {@code RecordingStream} that is stopped before the assertion.
 *
 * <p>Whose pins count: the thread that runs the test method, the virtual threads started while
 * it runs, and the platform threads those start (see {@link PinRecorder}). A test method that
 * throws fails with its own exception; the pins are then not checked. The failure message lists
 * each counted pin with its reason, blocking operation, carrier and stack.
 *
 * <p>Cost: a JFR recording and a stream thread per annotated test, a few tens of milliseconds
 * (the README gives the figure measured and how). Run pin-asserting tests in the same JVM as
 * other tests freely, but not in parallel with tests that pin: virtual threads started by a test
 * running at the same time would be counted too.
 *
 * <p>This class needs {@code junit-jupiter-api} on the class path; loom-patterns declares it as a
 * {@code provided} dependency, so the CLI never loads it and users' tests bring their own JUnit.
 */
public final class PinningExtension implements InvocationInterceptor {

    /** What an annotation asks for. */
    private record Expected(int atLeast, int atMost, String reason) {
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext extensionContext) throws Throwable {
        around(invocation, extensionContext);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext extensionContext) throws Throwable {
        around(invocation, extensionContext);
    }

    private static void around(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        Optional<Expected> expected = expected(context.getRequiredTestMethod())
                .or(() -> expected(context.getRequiredTestClass()));
        if (expected.isEmpty()) {
            invocation.proceed();
            return;
        }
        try (PinRecorder recorder = PinRecorder.start()) {
            invocation.proceed();
            recorder.stop();
            recorder.assertPins(expected.get().atLeast(), expected.get().atMost(), expected.get().reason());
        }
    }

    private static Optional<Expected> expected(AnnotatedElement element) {
        Optional<ShouldNotPin> none = AnnotationSupport.findAnnotation(element, ShouldNotPin.class);
        Optional<ShouldPin> some = AnnotationSupport.findAnnotation(element, ShouldPin.class);
        if (none.isPresent() && some.isPresent()) {
            throw new ExtensionConfigurationException("@ShouldNotPin and @ShouldPin on the same element: " + element);
        }
        if (some.isPresent()) {
            ShouldPin pin = some.get();
            if (pin.atLeast() < 0 || pin.atMost() < pin.atLeast()) {
                throw new ExtensionConfigurationException("@ShouldPin needs 0 <= atLeast <= atMost, got atLeast="
                        + pin.atLeast() + ", atMost=" + pin.atMost() + " on " + element);
            }
            return Optional.of(new Expected(pin.atLeast(), pin.atMost(), pin.reason()));
        }
        return none.map(n -> new Expected(0, 0, n.reason()));
    }
}
