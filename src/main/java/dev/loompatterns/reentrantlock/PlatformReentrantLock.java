package dev.loompatterns.reentrantlock;

import dev.loompatterns.core.Crew;

/** The tutorial's form: a platform thread per worker, all calling method A of one resource. */
public final class PlatformReentrantLockDemo implements CallingWorkers {

    @Override
    public long callAll(SharedResource resource, int workers, int rounds) throws Exception {
        return CallingWorkers.callAll(Crew.platform("caller-"), resource, workers, rounds);
    }
}
