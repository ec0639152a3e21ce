package dev.loompatterns.boundedbuffer;

import dev.loompatterns.core.Crew;

/**
 * A virtual thread per producer and per consumer, the buffer unchanged. A virtual thread that
 * awaits {@code notFull} or {@code notEmpty} parks and unmounts, so a blocked producer costs no
 * carrier; the buffer's capacity, not the thread count, is what applies back-pressure.
 */
public final class VirtualBoundedBuffer implements Form {

    @Override
    public Outcome play(Buffer<Integer> buffer, int items, int producers, int consumers) throws Exception {
        return BufferScenario.play(Crew.virtual("buffer-"), buffer, items, producers, consumers);
    }
}
