package dev.loompatterns.boundedbuffer;

import dev.loompatterns.core.Crew;

/**
 * The tutorial's form: a platform thread per producer and per consumer. A blocked producer or
 * consumer parks its OS thread on one of the buffer's conditions; the thread count is what keeps
 * a platform version to a few producers and consumers.
 */
public final class PlatformBoundedBuffer implements Form {

    @Override
    public Outcome play(Buffer<Integer> buffer, int items, int producers, int consumers) throws Exception {
        return BufferScenario.play(Crew.platform("buffer-"), buffer, items, producers, consumers);
    }
}
