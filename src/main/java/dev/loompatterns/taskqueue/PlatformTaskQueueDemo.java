package dev.loompatterns.taskqueue;

/**
 * The tutorial's form: a platform thread per consumer, all blocked in {@code take()} between
 * items. A consumer that throws simply ends; the others carry on and finish its item, which it
 * put back. Cancelling means interrupting each consumer thread and joining it.
 */
public final class PlatformTaskQueueDemo implements TaskQueueDemo {

    @Override
    public Outcome run(Plan plan) throws InterruptedException {
        // BEFORE: threading.Thread(target=consumer, daemon=True) per consumer
        return ThreadPerConsumer.run(Thread.ofPlatform().name("consumer-", 0), plan);
    }
}
