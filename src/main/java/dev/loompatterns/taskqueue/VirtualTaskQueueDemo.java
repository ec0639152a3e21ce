package dev.loompatterns.taskqueue;

/**
 * The same code as {@link PlatformTaskQueueDemo} with virtual consumers. A consumer blocked in
 * {@code take()} or {@code join()} waits on a {@link java.util.concurrent.locks.Condition}, so it
 * unmounts and holds no carrier: idle consumers cost a few hundred bytes each, and there is no
 * reason left to keep their number small.
 */
public final class VirtualTaskQueueDemo implements TaskQueueDemo {

    @Override
    public Outcome run(Plan plan) throws InterruptedException {
        // AFTER: the builder is the only change; the queue and the consumer loop stay as they were
        return ThreadPerConsumer.run(Thread.ofVirtual().name("consumer-", 0), plan);
    }
}
