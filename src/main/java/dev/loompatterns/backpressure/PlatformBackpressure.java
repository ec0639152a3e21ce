package dev.loompatterns.backpressure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The classic form: a {@link ThreadPoolExecutor} whose thread count is the limit, whose bounded
 * queue holds what waits, and whose {@link RejectedExecutionHandler} is the policy. The limit and
 * the policy are two constructor arguments of one object, and neither is visible where the tasks
 * are submitted.
 *
 * <p>{@code shed}: {@link ThreadPoolExecutor.AbortPolicy}; once the threads are busy and the queue
 * is full, {@code submit} throws {@link RejectedExecutionException}, which the caller catches and
 * counts. {@code wait}: {@link ThreadPoolExecutor.CallerRunsPolicy}; the caller runs the refused
 * task itself, and cannot submit more until it is done: backpressure by keeping the caller busy.
 * That makes the caller one more worker, so the pool has one thread fewer than the limit; a pool of
 * {@code limit} threads under caller-runs has {@code limit + 1} tasks in flight at its peak.
 */
public final class PlatformBackpressure implements Form {

    @Override
    public void submitAll(Ledger ledger, Load load, Policy policy) throws Exception {
        // caller-runs: the caller is the last worker, so one pool thread fewer than the limit
        int threads = policy == Policy.WAIT ? load.limit() - 1 : load.limit();
        RejectedExecutionHandler handler = policy == Policy.SHED
                ? new ThreadPoolExecutor.AbortPolicy()
                : new ThreadPoolExecutor.CallerRunsPolicy();
        List<Future<?>> accepted = new ArrayList<>(load.tasks());
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(load.queue()),
                Thread.ofPlatform().name("backpressure-", 0).factory(),
                handler)) {
            try {
                for (int i = 0; i < load.tasks(); i++) {
                    int task = i;
                    ledger.submitted();
                    try {
                        accepted.add(pool.submit(() -> {
                            ledger.work(task, load.work());
                            return null;
                        }));
                    } catch (RejectedExecutionException e) {
                        ledger.shed(task, e.getClass().getSimpleName() + " from ThreadPoolExecutor.submit");
                    }
                    if (Thread.interrupted()) { // a task the caller ran itself was interrupted
                        throw new InterruptedException("interrupted while submitting task " + task);
                    }
                }
                for (Future<?> future : accepted) {
                    future.get(); // BLOCKS-UNTIL: the task ended; its failure, if any, reaches the caller
                }
            } catch (InterruptedException e) {
                pool.shutdownNow(); // interrupts the tasks; close() then waits for them
                throw e;
            }
        }
    }
}
