package dev.loompatterns.backpressure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A virtual thread per task, with the limit and the policy written where the tasks are submitted:
 * a {@link java.util.concurrent.Semaphore} of {@code limit} permits ({@link Admission}), taken by
 * the submitter before it starts a task and given back by the task when it ends. {@code shed}:
 * {@code tryAcquire(timeout)}, and a {@code false} is a task refused and counted. {@code wait}:
 * {@code acquire()}, and the submitter parks until a task ends.
 *
 * <p>The executor has no queue and no handler: it starts a thread for every task it is given, so
 * it can neither refuse nor slow anything down. JEP 444 says not to pool virtual threads; without
 * the pool, the limit has to be stated, and the policy with it.
 */
public final class VirtualBackpressure implements Form {

    @Override
    public void submitAll(Ledger ledger, Load load, Policy policy) throws Exception {
        Admission admission = new Admission(load.limit(), policy, load.timeout());
        List<Future<?>> accepted = new ArrayList<>();
        // BEFORE: new ThreadPoolExecutor(limit, limit, 0, MILLISECONDS, new ArrayBlockingQueue<>(queue), handler)
        // AFTER:  a virtual thread per task; a Semaphore is the limit, tryAcquire or acquire the policy
        try (ExecutorService perTask = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                for (int i = 0; i < load.tasks(); i++) {
                    int task = i;
                    ledger.submitted();
                    admission.handOff(task, ledger, load.work(), body -> accepted.add(perTask.submit(body)));
                }
                for (Future<?> future : accepted) {
                    future.get(); // BLOCKS-UNTIL: the task ended; its failure, if any, reaches the caller
                }
            } catch (InterruptedException e) {
                perTask.shutdownNow(); // interrupts the tasks; close() then waits for them
                throw e;
            }
        }
    }
}
