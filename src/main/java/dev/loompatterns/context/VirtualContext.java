package dev.loompatterns.context;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A virtual thread per request and per subtask, and the same {@link ThreadLocal} copied by hand
 * ({@link CopiedByHand}). Thread-locals work on virtual threads, one value per virtual thread;
 * since no thread is reused, nothing leaks from one request to the next and an
 * {@link InheritableThreadLocal} is never stale. The cost moves elsewhere: a library that caches
 * an expensive object per thread now builds one per task.
 */
public final class VirtualContext implements Form {

    @Override
    public List<Outcome> handleAll(
            List<RequestContext> requests, int fanOut, Way way, LookupTable library, int poolSize)
            throws InterruptedException, ExecutionException {
        // BEFORE: two fixed pools of platform threads
        // AFTER:  a new virtual thread for every handler and every subtask
        try (ExecutorService perTask = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("task-", 0).factory())) {
            return CopiedByHand.handleAll(perTask, perTask, requests, fanOut, way, library);
        }
    }
}
