package dev.loompatterns.urlfetch;

import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A virtual thread per URL. The pool is gone, and with it the pool size as a limit: if the server
 * must not see more than N requests at once, a semaphore ({@link InFlightLimit}) of N permits says so (JEP 444:
 * "do not pool virtual threads"; limit the resource, not the threads).
 *
 * <p>On failures, as the pool: every outcome by default, or the first failure cancelling the rest.
 */
public final class VirtualUrlFetch implements Fetcher {

    private final InFlightLimit limit;
    private final boolean failFast;

    /** @param maxInFlight the most requests at once, or 0 for no limit */
    public VirtualUrlFetch(int maxInFlight) {
        this(maxInFlight, false);
    }

    /**
     * @param maxInFlight the most requests at once, or 0 for no limit
     * @param failFast    throw {@link FetchFailedException} at the first failure and cancel the rest
     */
    public VirtualUrlFetch(int maxInFlight, boolean failFast) {
        this.limit = new InFlightLimit(maxInFlight);
        this.failFast = failFast;
    }

    @Override
    public List<Fetched> fetchAll(UrlClient client, List<URI> uris) throws Exception {
        ExecutorFetch.FetchOne fetch = uri -> limit.fetch(client, uri);
        // BEFORE: Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("fetch-", 0).factory())
        // AFTER:  a new virtual thread for every task, named as the pool's threads were
        try (ExecutorService perTask = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fetch-", 0).factory())) {
            return failFast ? ExecutorFetch.failFast(perTask, uris, fetch) : ExecutorFetch.collect(perTask, uris, fetch);
        }
    }
}
