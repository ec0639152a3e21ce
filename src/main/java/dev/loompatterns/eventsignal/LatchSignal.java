package dev.loompatterns.eventsignal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one-shot case with the JDK's class: a {@link CountDownLatch} of one. {@code countDown()}
 * sets it for good; a latch cannot be reset, so {@link #clear()} replaces it with a new one.
 * That is safe here because the run clears only when nobody is waiting and nobody is setting; with
 * concurrent set and clear, a waiter could be left on the old latch or miss the new one, which is
 * why {@link ResettableEvent} exists. Memory consistency effects: actions before
 * {@code countDown()} happen-before actions after a successful {@code await()}.
 */
final class LatchSignal implements Signal {

    private final Supplier<CountDownLatch> latches;
    private volatile CountDownLatch latch;

    LatchSignal() {
        this(() -> new CountDownLatch(1));
    }

    /** Takes its latches (each of count one) from {@code latches}; tests pass one that misbehaves. */
    LatchSignal(Supplier<CountDownLatch> latches) {
        this.latches = latches;
        this.latch = latches.get();
    }

    @Override
    public void set() {
        latch.countDown();
    }

    @Override
    public void clear() {
        if (latch.getCount() == 0) {
            latch = latches.get();
        }
    }

    @Override
    public boolean isSet() {
        return latch.getCount() == 0;
    }

    @Override
    public void await() throws InterruptedException {
        latch.await();
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        return latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
