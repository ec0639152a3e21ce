package dev.loompatterns.boundedbuffer;

import dev.loompatterns.core.Crew;

/**
 * Producers and consumers as forks of one scope. If a consumer fails, the scope interrupts the
 * rest, so a producer blocked on a full buffer that nobody will drain is woken and the run ends
 * instead of hanging (the other forms' crews do the same by hand); the owner cannot leave while
 * any of them runs.
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505).
 */
public final class StructuredBoundedBuffer implements Form {

    @Override
    public Outcome play(Buffer<Integer> buffer, int items, int producers, int consumers) throws Exception {
        return BufferScenario.play(Crew.structured("bounded-buffer"), buffer, items, producers, consumers);
    }
}
