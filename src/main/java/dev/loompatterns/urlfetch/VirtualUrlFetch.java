package dev.loompatterns.urlfetch;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A virtual thread per URL. The pool is gone, and with it the pool size as a limit: if the server
 * must not see more than N requests at once, a semaphore ({@link InFlightLimit}) of N permits says so (JEP 444:
 * "do not pool virtual threads"; limit the resource, not the threads).
 */
public final class VirtualUrlFetch implements Fetcher {

    private final InFlightLimit limit;

    /** @param maxInFlight the most requests at once, or 0 for no limit */
    public VirtualUrlFetch(int maxInFlight) {
        this.limit = new InFlightLimit(maxInFlight);
    }

    @Override
    public List<Fetched> fetchAll(UrlClient client, List<URI> uris) throws InterruptedException, ExecutionException {
        List<Callable<Fetched>> calls = uris.stream().<Callable<Fetched>>map(uri -> () -> limit.fetch(client, uri)).toList();
        // BEFORE: Executors.newFixedThreadPool(workers)
        // AFTER:  a new virtual thread for every task
        try (ExecutorService perTask = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Fetched> results = new ArrayList<>(uris.size());
            for (Future<Fetched> future : perTask.invokeAll(calls)) {
                results.add(future.get());
            }
            return results;
        }
    }
}
