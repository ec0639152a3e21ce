package dev.loompatterns.reentrantlock;

import dev.loompatterns.core.Crew;

/** The tutorial's form: a platform thread per worker, all calling method A of one resource. */
public final class PlatformReentrantLock implements Form {

    @Override
    public long callAll(SharedResource resource, int workers, int rounds) throws Exception {
        return Form.callAll(Crew.platform("caller-"), resource, workers, rounds);
    }
}
