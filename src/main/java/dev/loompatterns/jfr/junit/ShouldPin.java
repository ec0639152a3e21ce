package dev.loompatterns.jfr.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test fails unless the test's virtual threads pin from {@link #atLeast()} to
 * {@link #atMost()} times while the test method runs, counting only pins whose
 * {@code pinnedReason} contains {@link #reason()}. For a test that documents a known pin (a
 * native library calling back into Java) and should notice when it goes away or multiplies.
 *
 * {@snippet :
 * @Test
 * @ShouldPin(atLeast = 1, atMost = 1, reason = "Native or VM frame")
 * void theNativeCallbackPinsOnce() throws Exception {
 *     Thread.ofVirtual().start(nativeSort::sort).join();
 * }
 * }
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@ExtendWith(PinningExtension.class)
public @interface ShouldPin {

    int atLeast() default 1;

    int atMost() default Integer.MAX_VALUE;

    /** A fragment of {@code pinnedReason} ("Native or VM frame", "&lt;clinit&gt;"); "" counts every pin. */
    String reason() default "";
}
