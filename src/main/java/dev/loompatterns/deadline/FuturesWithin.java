package dev.loompatterns.deadline;

import dev.loompatterns.core.Threads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The executor form of a deadline, the same for a pool and for a virtual thread per task:
 * {@link Future#get(long, TimeUnit)} with what is left of the budget, then
 * {@link Future#cancel cancel(true)} for everything still running. Cancel interrupts but does not
 * wait; the caller's executor {@code close()} does, so the callers open the executor in a
 * try-with-resources around {@link #collect}.
 */
final class FuturesWithin {

    private FuturesWithin() {}

    static Map<Integer, String> collect(ExecutorService executor, Duration budget, List<Callable<String>> subtasks)
            throws InterruptedException {
        long deadline = System.nanoTime() + budget.toNanos();
        List<Future<String>> futures = new ArrayList<>(subtasks.size());
        try {
            for (Callable<String> subtask : subtasks) {
                Threads.stopStartingIfInterrupted(futures.size()); // the finally cancels those submitted
                if (System.nanoTime() - deadline >= 0) {
                    break; // the budget is spent on starting them: the rest never start (1,000,000 ran 18 s late)
                }
                futures.add(executor.submit(subtask));
            }
            for (Future<String> future : futures) {
                try {
                    // The budget is for the whole fan-out, so each wait gets what is left of it.
                    future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    break; // budget spent: stop waiting; what is not done is cancelled below
                } catch (ExecutionException e) {
                    // a failed subtask delivers nothing; the others still count
                }
            }
        } finally {
            futures.forEach(future -> future.cancel(true)); // no effect on those already done
        }
        Map<Integer, String> delivered = new HashMap<>();
        for (int i = 0; i < futures.size(); i++) {
            if (futures.get(i).state() == Future.State.SUCCESS) {
                delivered.put(i, futures.get(i).resultNow());
            }
        }
        return delivered;
    }
}
