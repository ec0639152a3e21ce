package dev.loompatterns.jfr.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test fails if a virtual thread of the test pins its carrier while the test method runs
 * (a {@code jdk.VirtualThreadPinned} event, however short). On a class, it applies to every test
 * method that does not say otherwise. See {@link PinningExtension} for whose threads count.
 *
 * {@snippet :
 * @Test
 * @ShouldNotPin
 * void handlesARequestWithoutPinning() throws Exception {
 *     try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
 *         executor.submit(() -> service.handle(request)).get();
 *     }
 * }
 * }
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@ExtendWith(PinningExtension.class)
public @interface ShouldNotPin {

    /** Only pins whose {@code pinnedReason} contains this fail the test; "" (the default): any pin. */
    String reason() default "";
}
