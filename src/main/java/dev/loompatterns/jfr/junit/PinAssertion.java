package dev.loompatterns.jfr.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * What {@link ShouldNotPin} and {@link ShouldPin} bring to a test, written once: the extension that watches its
 * virtual threads, and JUnit's global resource lock, taken to read and write as {@code @Isolated} takes it, so that
 * under JUnit's parallel execution the test runs with no other beside it (a test's threads are those created while
 * it runs: one running at the same time would be charged the other's pins). JUnit finds both through the
 * annotations, as it finds them on any composed annotation.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.ANNOTATION_TYPE)
@ExtendWith(PinningExtension.class)
@ResourceLock(value = Resources.GLOBAL, mode = ResourceAccessMode.READ_WRITE)
@interface PinAssertion {}
