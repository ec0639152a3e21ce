package dev.loompatterns.reentrantlock;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/**
 * Don't do this: method A calls method B under a lock that is not reentrant. This is the
 * tutorial's {@code threading.Lock()} in place of {@code RLock()}: a one-permit {@link Semaphore}
 * has no owner, so the thread that holds it is refused like any other. A plain {@code acquire()}
 * in B would wait forever for the permit its own thread holds; B uses {@code tryAcquire()} so the
 * run can count the refusals instead of hanging.
 */
final class NonReentrantResource implements SharedResource {

    private final Semaphore mutex = new Semaphore(1);

    // @GuardedBy("mutex")
    private final GuardedState state = new GuardedState();

    private final LongAdder refused = new LongAdder();

    @Override
    public void methodA() {
        mutex.acquireUninterruptibly();
        try {
            state.enterA();
            methodB();
            state.exitA();
        } finally {
            mutex.release();
        }
    }

    @Override
    public void methodB() {
        // Called from A, the only permit is held by this very thread: acquire() would wait forever.
        if (!mutex.tryAcquire()) {
            refused.increment();
            return;
        }
        try {
            state.enterB(1);
            state.exitB();
        } finally {
            mutex.release();
        }
    }

    @Override
    public boolean heldByCurrentThread() {
        return false; // a semaphore has no owner to ask
    }

    @Override
    public Tally tally() {
        mutex.acquireUninterruptibly();
        try {
            Tally seen = state.tally();
            return new Tally(seen.calls(), seen.reentered(), seen.intrusions(), refused.sum());
        } finally {
            mutex.release();
        }
    }
}
