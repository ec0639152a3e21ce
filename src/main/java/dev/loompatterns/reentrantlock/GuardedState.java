package dev.loompatterns.reentrantlock;

/**
 * The state every resource guards with its lock, and the bookkeeping that shows whether the lock
 * did its job. Not thread-safe: every method must be called with the owning resource's lock held.
 * Because {@code owner} and {@code depth} are only touched under the lock, a second thread inside
 * the lock shows up as an owner that changed under the first.
 */
final class GuardedState {

    private Thread owner;
    private int depth;
    private long calls;
    private long reentered;
    private long intrusions;

    /** Method A got the lock: nobody else may be inside. */
    void enterA() {
        if (owner != null || depth != 0) {
            intrusions++;
        }
        owner = Thread.currentThread();
        depth = 1;
    }

    /**
     * Method B got the lock. Called from A, the owner must still be this thread at depth 1, and
     * {@code holds} is what the lock itself says (its hold count, or 1 if it has none to tell).
     */
    void enterB(int holds) {
        if (depth == 0) {
            owner = Thread.currentThread(); // B called on its own
        } else if (owner != Thread.currentThread() || depth != 1) {
            intrusions++;
        } else if (holds >= 2) {
            reentered++;
        }
        depth++;
    }

    void exitB() {
        if (owner != Thread.currentThread()) {
            intrusions++;
        }
        depth--;
        if (depth == 0) {
            owner = null;
        }
    }

    void exitA() {
        if (owner != Thread.currentThread() || depth != 1) {
            intrusions++;
        }
        calls++;
        depth = 0;
        owner = null;
    }

    SharedResource.Tally tally() {
        return new SharedResource.Tally(calls, reentered, intrusions, 0);
    }
}
