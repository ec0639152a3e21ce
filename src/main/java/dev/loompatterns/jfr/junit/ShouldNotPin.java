package dev.loompatterns.jfr.junit;

import dev.loompatterns.jfr.PinCause;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The test fails if a virtual thread of the test pins its carrier while the test method runs
 * (a {@code jdk.VirtualThreadPinned} event, however short), more than {@link #atMost()} times.
 * On a class, it applies to every test method that does not say otherwise, also in subclasses and
 * {@code @Nested} classes; on a {@code @TestFactory}, to each of its dynamic tests.
 * See {@link PinningExtension} for whose threads count and what it costs.
 *
 * <p>Under JUnit's parallel execution, a test under it runs with no other test at the same time, as under
 * {@code @Isolated} (it takes JUnit's global resource lock, {@code Resources.GLOBAL}, to read and write): a
 * test's threads are those created while it runs, so it could be charged the pins of a test beside it.
 *
 * <p>Pins of a class's first use (a cold JVM loading classes, waiting for another thread to run any
 * class's initializer, a contended monitor inside any initializer, or blocking in a JDK class's
 * initializer) and pins in JFR's own code never count ({@link dev.loompatterns.jfr.PinTaxonomy}).
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
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@PinAssertion
public @interface ShouldNotPin {

    /**
     * Only pins whose {@code pinnedReason} contains this fail the test; "" (the default): any pin. JDK 24 and
     * later: on 21-23 the events have no {@code pinnedReason}, and a reason there is a configuration error (use
     * {@link #ignore()}).
     */
    String reason() default "";

    /** A tolerance: the test fails only with more pins than this (default 0). */
    int atMost() default 0;

    /**
     * Count a pin only if its stack has a frame of one of these packages ({@code "com.example"}):
     * your own code, not a library's. These are also the classes whose initializers are your own
     * (blocking inside one is your pin, not a first use; waiting for another thread to run one, or
     * a contended monitor inside one, is a first use, whoever's it is). Default: every package outside the JDK.
     * Subpackages count too; a name that is no package name ({@code "com.example.*"}) is a configuration error.
     * A pin whose stack JFR cut at its depth (64 frames unless {@code -XX:FlightRecorderOptions:stackdepth} says)
     * before any frame of these packages may be theirs or not: the test passes only if it passes with it counted and
     * without, and a failure lists it as one that could not be told.
     */
    String[] packages() default {};

    /**
     * Causes that never count, beside first use and JFR's own ({@code NATIVE_FRAME} for a known native library, say).
     */
    PinCause[] ignore() default {};
}
