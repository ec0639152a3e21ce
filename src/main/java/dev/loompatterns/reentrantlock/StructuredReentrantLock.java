package dev.loompatterns.reentrantlock;

import dev.loompatterns.core.Crew;

/**
 * A fork per worker. A lock is owned by a thread, never by a scope: a fork cannot release a lock
 * its parent took, and a lock held across {@code fork} is not held by the fork (it would wait for
 * it like any other thread).
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505).
 */
public final class StructuredReentrantLock implements Form {

    @Override
    public long callAll(SharedResource resource, int workers, int rounds) throws Exception {
        return Form.callAll(Crew.structured("reentrant-lock"), resource, workers, rounds);
    }
}
