package dev.loompatterns.reentrantlock;

import dev.loompatterns.core.Crew;
import dev.loompatterns.core.RunGate;
import java.util.concurrent.atomic.LongAdder;

/** What every mode implements: runs workers that each call method A of one shared resource, {@code rounds} times. */
interface Form {

    /**
     * Returns when every worker has finished; the resource's tally is then final.
     *
     * @return how many times a worker found it still held the lock after method A returned
     *         (zero when every lock was released as often as it was taken)
     */
    long callAll(SharedResource resource, int workers, int rounds) throws Exception;

    /** The body every mode runs: the same workers, on the crew's kind of thread. */
    static long callAll(Crew crew, SharedResource resource, int workers, int rounds) throws Exception {
        LongAdder stillHeld = new LongAdder();
        try (crew) {
            for (int i = 0; i < workers; i++) {
                crew.start(() -> {
                    RunGate.arrive(); // lets `loom dump` hold the run here; a no-op otherwise (an interrupt fails the
                    // task, as a cancel does)
                    for (int round = 0; round < rounds; round++) {
                        resource.methodA();
                        if (resource.heldByCurrentThread()) {
                            stillHeld.increment();
                        }
                    }
                });
            }
            crew.join();
        }
        return stillHeld.sum();
    }
}
