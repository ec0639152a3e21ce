package dev.loompatterns.testing;

import dev.loompatterns.core.Threads;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A virtual thread that spins, so it stays mounted on its carrier until closed: the scheduler is
 * busy for as long as it runs. {@link #start} returns once it spins; {@link #close} stops and joins it.
 */
public final class Spinner implements AutoCloseable {

    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    private Spinner(String name) throws InterruptedException {
        CountDownLatch spinning = new CountDownLatch(1);
        thread = Thread.ofVirtual().name(name).start(() -> {
            spinning.countDown();
            while (!stop.get()) {
                Thread.onSpinWait(); // mounted until told to stop
            }
        });
        spinning.await(); // BLOCKS-UNTIL: it runs, mounted on a carrier
    }

    /** A virtual thread named {@code name}, spinning by the time this returns. */
    public static Spinner start(String name) throws InterruptedException {
        return new Spinner(name);
    }

    @Override
    public void close() {
        stop.set(true);
        Threads.joinUninterruptibly(List.of(thread));
    }
}
