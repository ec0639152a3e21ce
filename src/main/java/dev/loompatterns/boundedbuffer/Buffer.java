package dev.loompatterns.boundedbuffer;

/**
 * A blocking FIFO of fixed capacity, as the run drives it: the hand-written
 * {@link BoundedBuffer} and the JDK's {@link java.util.concurrent.ArrayBlockingQueue} face the
 * same producers, consumers and check.
 */
sealed interface Buffer<E> permits BoundedBuffer, QueueBuffer {

    /** Adds an item, waiting while the buffer is full. */
    void put(E item) throws InterruptedException;

    /** Removes the oldest item, waiting while the buffer is empty. */
    E take() throws InterruptedException;

    int size();

    int capacity();

    /** The most items the buffer held at once, as measured by the buffer. */
    int peakSize();
}
