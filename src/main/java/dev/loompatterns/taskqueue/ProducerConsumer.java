package dev.loompatterns.taskqueue;

import dev.loompatterns.core.RunGate;
import java.io.Serial;
import java.util.ArrayList;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run's shared state and the code that is the same in every mode: the producer, the consumer
 * loop, and waiting for all work to be done. The mode classes differ only in who runs
 * {@link #consume} and how those consumers are stopped and joined.
 *
 * <p>Made on the thread that coordinates the run; a cancelled plan interrupts that thread, as a
 * caller cancelling the run would.
 */
final class ProducerConsumer {

    final TaskQueue<Integer> queue = new TaskQueue<>();
    final EventLog log = new EventLog();
    final Plan plan;

    private final Thread coordinator = Thread.currentThread();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicBoolean failedOnce = new AtomicBoolean();
    private final AtomicBoolean cancelSent = new AtomicBoolean();
    private final AtomicBoolean gaveUp = new AtomicBoolean();
    private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

    ProducerConsumer(Plan plan) {
        this.plan = plan;
    }

    /** The tutorial's producer: put every item. */
    void produce() {
        for (int i = 0; i < plan.items(); i++) {
            log.record(EventLog.Kind.PUT, i);
            queue.put(i);
        }
    }

    /**
     * The tutorial's consumer: take, process, mark done, until the queue is shut down. An item
     * that cannot be finished (processing threw, or the consumer was interrupted) is put back
     * before its attempt is marked done, so the unfinished count never touches zero while the
     * item is still owed, and nothing is lost.
     *
     * @throws InterruptedException if interrupted (the run was cancelled); any item held was put back
     * @throws ItemFailure          if this consumer failed on an item; the item was put back
     */
    void consume() throws InterruptedException {
        while (true) {
            int item;
            try {
                item = queue.take();
            } catch (TaskQueue.ShutDownException e) {
                return;
            }
            try {
                process(item);
                if (cancelSent.get()) {
                    // The run is being cancelled. Hold the item until this consumer is interrupted
                    // (every cancel path interrupts every consumer), then put it back. Without this
                    // the remaining items could all finish while the coordinator is still waking up,
                    // and the cancel would lose the race to the last taskDone.
                    new CountDownLatch(1).await(); // BLOCKS-UNTIL: interrupted
                }
            } catch (InterruptedException | RuntimeException e) {
                log.record(EventLog.Kind.HANDED_BACK, item);
                queue.put(item);
                queue.taskDone();
                throw e;
            }
            log.record(EventLog.Kind.DONE, item);
            if (done.incrementAndGet() == plan.cancelAfter() && cancelSent.compareAndSet(false, true)) {
                // Sent before this item's taskDone, so join cannot have returned yet: the cancel
                // finds the coordinator still waiting, never a finished run.
                coordinator.interrupt();
            }
            queue.taskDone();
        }
    }

    /** A consumer for a thread's run(): an interrupt ends it quietly, a failure is recorded. */
    void consumeRecordingFailure() {
        try {
            consume();
        } catch (InterruptedException e) {
            // cancelled: its item, if any, is back in the queue
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    void recordFailure(Throwable failure) {
        failures.add(failure);
    }

    private void process(int item) throws InterruptedException {
        if (plan.consumerFails() && item == 0 && failedOnce.compareAndSet(false, true)) {
            throw new ItemFailure(item);
        }
        RunGate.arrive(); // lets `loom dump` hold the run here, an item in hand; interrupted, it is put back as below
        if (plan.work().isPositive()) {
            Thread.sleep(plan.work());
        }
    }

    /**
     * Waits until every item is done, as the tutorial's {@code q.join()}, giving up if no item is
     * done for the plan's stall limit (an item was lost, or is held for good): then the consumers
     * must be stopped as for a cancel. Called from a fork, it interrupts the coordinator for that,
     * as the cancel does.
     *
     * @return true if join returned; false if this plan's own cancel interrupted the wait, or it
     *         gave up
     * @throws InterruptedException if interrupted by anyone else
     */
    boolean awaitAllDone() throws InterruptedException {
        try {
            int doneBefore = done.get();
            while (!queue.join(plan.stallLimit())) {
                if (done.get() == doneBefore) {
                    gaveUp.set(true);
                    if (Thread.currentThread() != coordinator) {
                        coordinator.interrupt();
                    }
                    return false;
                }
                doneBefore = done.get();
            }
        } catch (InterruptedException e) {
            if (cancelSent.get()) {
                return false;
            }
            throw e;
        }
        log.record(EventLog.Kind.JOIN_RETURNED, -1);
        consumeLateCancel();
        return true;
    }

    /**
     * Called by the coordinator after a wait that returned normally. If the cancel was sent, the
     * last items (never more than were in flight when it was sent) finished while the coordinator
     * was waking up: {@code Condition.await}, signalled and interrupted at once, returns normally
     * with the interrupt status set, and so may a scope's {@code join} whose forks have all ended.
     * Nothing is left to cancel, and the interrupt was ours: consume it, so it does not leak into
     * whatever the caller does next.
     */
    void consumeLateCancel() {
        if (cancelSent.get() && Thread.currentThread() == coordinator) {
            Thread.interrupted();
        }
    }

    /** Whether the coordinator's interrupt came from the run itself: its plan's cancel, or a join that gave up. */
    boolean cancelled() {
        return cancelSent.get() || gaveUp.get();
    }

    /** After every consumer has stopped: what was left in the queue, and what happened. */
    Outcome finish() {
        var leftover = queue.drain();
        queue.shutdown();
        return new Outcome(log.events(), leftover, new ArrayList<>(failures), gaveUp.get());
    }

    /** The failure a plan injects: the first attempt at item 0 throws. */
    static final class ItemFailure extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        ItemFailure(int item) {
            super("consumer failed on item " + item);
        }
    }
}
