package dev.loompatterns.pinning;

/**
 * The blocking call each task of a run makes: the same sleep, placed where a variant puts it
 * (inside an FFM upcall, a static initializer, a {@code synchronized} block, a locked
 * {@code ReentrantLock}). Where it is placed decides whether a virtual thread can unmount.
 */
@FunctionalInterface
interface Blocking {

    void block() throws Exception;

    /** As a value-returning task, for a scope's fork or {@link dev.loompatterns.core.FirstFailure}. */
    default Void call() throws Exception {
        block();
        return null;
    }
}
