package dev.loompatterns.taskqueue;

/**
 * The same code as {@link PlatformTaskQueue} with virtual consumers. A consumer blocked in
 * {@code take()} or {@code join()} waits on a {@link java.util.concurrent.locks.Condition}, so it
 * unmounts and holds no carrier: idle consumers cost a few hundred bytes each, and there is no
 * reason left to keep their number small.
 */
public final class VirtualTaskQueue implements Form {

    @Override
    public Outcome run(Plan plan) throws InterruptedException {
        return ThreadPerConsumer.run(Thread.ofVirtual().name("consumer-", 0), plan);
    }
}
