package dev.loompatterns.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60) // backstop only
class PinStreamTest {

    /** Sleeps in its initializer: touching it from a virtual thread pins once. */
    static final class BeforeInit {
        static {
            PinRecorderTest.sleep();
        }

        static void touch() {}
    }

    static final class OwnInit {
        static {
            PinRecorderTest.sleep();
        }

        static void touch() {}
    }

    /**
     * A window reads the stream's recording, which holds what the stream recorded for earlier windows too: of
     * those, it passes on only what came after the last window that could not pin closed. A pin of a thread
     * that is no window's, during a window that created no thread, is no later window's "other" pin. (With the
     * stream stopped instead, it was one or not depending on whether the stream had delivered it before that
     * window closed, about a second after it was committed.)
     */
    @Test
    void aWindowSeesItsOwnPinAndNoneFromBeforeTheLastWindowThatCouldNotPin() throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        Thread before = Thread.ofVirtual().start(() -> {
            try {
                go.await();
                BeforeInit.touch();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (PinStream stream = new PinStream()) {
            PinStream.Window first = stream.open();
            go.countDown();
            before.join(); // its pin is committed while the first window is open: not the window's thread
            PinStream.Seen none = stream.close(first);
            assertThat(none.couldPin()).isFalse();

            PinStream.Window second = stream.open();
            Thread.ofVirtual().start(OwnInit::touch).join();
            PinStream.Seen seen = stream.close(second);

            assertThat(seen.couldPin()).isTrue();
            assertThat(seen.pins())
                    .singleElement()
                    .satisfies(pin -> assertThat(pin.reason()).contains(OwnInit.class.getName()));
            assertThat(seen.otherPins()).noneMatch(pin -> pin.reason().contains(BeforeInit.class.getName()));
        } finally {
            before.join();
        }
    }
}
