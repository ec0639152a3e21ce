package dev.loompatterns.jfr.junit;

import dev.loompatterns.jfr.PinCause;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The test fails unless the test's virtual threads pin from {@link #atLeast()} to
 * {@link #atMost()} times while the test method runs, counting only pins whose
 * {@code pinnedReason} contains {@link #reason()} (and, if given, of the causes in
 * {@link #cause()}). For a test that documents a known pin (a native library calling back into
 * Java) and should notice when it goes away or multiplies. Pins of a class's first use and of
 * JFR's own code never count. Under JUnit's parallel execution it runs alone, as {@link ShouldNotPin} does.
 *
 * {@snippet :
 * @Test
 * @ShouldPin(atLeast = 1, atMost = 1, cause = PinCause.NATIVE_FRAME)
 * void theNativeCallbackPinsOnce() throws Exception {
 *     Thread.ofVirtual().start(nativeSort::sort).join();
 * }
 * }
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@PinAssertion
public @interface ShouldPin {

    int atLeast() default 1;

    int atMost() default Integer.MAX_VALUE;

    /**
     * A fragment of {@code pinnedReason} ("Native or VM frame", "&lt;clinit&gt;"); "" counts every pin. JDK 24
     * and later: on 21-23 the events have no {@code pinnedReason}, and a reason there is a configuration error
     * (use {@link #cause()}).
     */
    String reason() default "";

    /**
     * Only pins of these causes count; empty (the default): any cause. A cause whose pins never count (a class's first
     * use or JFR's own: {@code CLASS_LOADING}, {@code CLASS_INIT_WAIT}, {@code JDK_CACHE_WAIT}, {@code RECORDER}), or
     * one also in {@link #ignore()}, is a configuration error: it would count no pin.
     */
    PinCause[] cause() default {};

    /** As {@link ShouldNotPin#packages()}: count a pin only if its stack has a frame of these packages. */
    String[] packages() default {};

    /** Causes that never count, beside first use and JFR's own (naming those here changes nothing). */
    PinCause[] ignore() default {};
}
