package dev.loompatterns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.ChildJvm;
import dev.loompatterns.engine.HeapWatch;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The CLI's default handler for uncaught exceptions ({@link LoomCli#uncaught}): a thread that ends on the heap's
 * {@link OutOfMemoryError} (JFR's, in a run that filled the heap) prints no stack trace, and is noted for main's one
 * line; anything else is printed as the JVM prints it, the system's "unable to create native thread" too. In a child JVM, as the note stays for the JVM's life.
 */
@Timeout(120) // backstop only
class UncaughtTest {

    @Test
    void anOutOfMemoryErrorIsNotedNotPrintedAndAnythingElseIsPrinted() throws Exception {
        ChildJvm.Result child;
        try (ChildJvm.Launch launch = ChildJvm.Launch.plain(List.of("--enable-preview"), Handled.class, List.of())) {
            child = ChildJvm.run(launch, Duration.ofSeconds(90));
        }

        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(child.stdout())
                .containsExactly("noted before: false", "noted after the system's limit: false", "noted after: true");
        assertThat(child.stderr())
                .doesNotContain("Java heap space")
                .contains("Exception in thread \"no-thread-left\" java.lang.OutOfMemoryError: unable to create native")
                .contains("Exception in thread \"a-bug\" java.lang.IllegalStateException: a bug")
                .contains("at dev.loompatterns.cli.UncaughtTest$Handled");
    }

    /** The child's program: one thread ends on an OutOfMemoryError, another on a bug. */
    static final class Handled {
        public static void main(String[] args) throws Exception {
            Thread.setDefaultUncaughtExceptionHandler(LoomCli::uncaught);
            System.out.println("noted before: " + HeapWatch.ranOutSomewhere());
            endsOn("no-thread-left", new OutOfMemoryError("unable to create native thread: possibly out of memory"));
            System.out.println("noted after the system's limit: " + HeapWatch.ranOutSomewhere());
            endsOn("out-of-room", new OutOfMemoryError("Java heap space"));
            System.out.println("noted after: " + HeapWatch.ranOutSomewhere());
            endsOn("a-bug", new IllegalStateException("a bug"));
        }

        private static void endsOn(String name, Throwable thrown) throws InterruptedException {
            Thread.ofPlatform()
                    .name(name)
                    .start(() -> {
                        if (thrown instanceof Error error) {
                            throw error;
                        }
                        throw (RuntimeException) thrown;
                    })
                    .join();
        }
    }
}
