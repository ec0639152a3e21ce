package dev.loompatterns.taskqueue;

/**
 * The tutorial's form, {@code threading.Thread(target=consumer)} per consumer: a platform thread
 * per consumer, all blocked in {@code take()} between items ({@link ThreadPerConsumer} holds the
 * code the virtual form shares). A consumer that throws simply ends; the others carry on and finish its item, which it
 * put back. Cancelling means interrupting each consumer thread and joining it.
 */
public final class PlatformTaskQueue implements Form {

    @Override
    public Outcome run(Plan plan) throws InterruptedException {
        return ThreadPerConsumer.run(Thread.ofPlatform().name("consumer-", 0), plan);
    }
}
