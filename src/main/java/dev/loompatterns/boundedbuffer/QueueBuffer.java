package dev.loompatterns.boundedbuffer;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK's answer: an {@link ArrayBlockingQueue}, which is {@link BoundedBuffer}'s design with
 * timed and non-blocking methods added. It keeps no peak, and its count cannot be read atomically
 * with a put from outside, so the peak here is sampled with {@code size()} right after each put:
 * a lower bound of the true peak, and never above it. The capacity itself is enforced by
 * {@code ArrayBlockingQueue} ({@code size()} never exceeds it), so for this buffer the check
 * "never above capacity" cannot fail; what the check can see is whether the sample reaches capacity
 * when the run fills the queue.
 */
final class QueueBuffer<E> implements Buffer<E> {

    private final ArrayBlockingQueue<E> queue;
    private final int capacity;
    private final AtomicInteger peak = new AtomicInteger();

    QueueBuffer(int capacity) {
        this(new ArrayBlockingQueue<>(capacity));
    }

    /** Wraps an empty queue; tests pass one that misbehaves, to see the check fail. */
    QueueBuffer(ArrayBlockingQueue<E> queue) {
        this.queue = queue;
        this.capacity = queue.remainingCapacity();
    }

    @Override
    public void put(E item) throws InterruptedException {
        queue.put(item);
        peak.accumulateAndGet(queue.size(), Math::max);
    }

    @Override
    public E take() throws InterruptedException {
        return queue.take();
    }

    @Override
    public int size() {
        return queue.size();
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public int peakSize() {
        return peak.get();
    }
}
