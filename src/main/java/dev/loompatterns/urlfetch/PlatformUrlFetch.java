package dev.loompatterns.urlfetch;

import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The tutorial's {@code ThreadPoolExecutor(max_workers=N).map(fetch, urls)}: a fixed pool of
 * platform threads. The pool size is both the concurrency limit and the thread count, so with
 * 50 ms of latency, 20 workers fetch at most 400 URLs a second however many are waiting.
 *
 * <p>On failures: by default every URL's outcome comes back, errors included ({@code invokeAll});
 * with {@code failFast}, the first failure cancels the rest ({@link ExecutorFetch#failFast}).
 */
public final class PlatformUrlFetch implements Fetcher {

    private final int workers;
    private final boolean failFast;

    public PlatformUrlFetch(int workers) {
        this(workers, false);
    }

    /** @param failFast throw {@link FetchFailedException} at the first failure and cancel the rest */
    public PlatformUrlFetch(int workers, boolean failFast) {
        this.workers = workers;
        this.failFast = failFast;
    }

    @Override
    public List<Fetched> fetchAll(UrlClient client, List<URI> uris) throws Exception {
        // close() waits for the pool's threads to end, so none outlives the call.
        try (ExecutorService pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("fetch-", 0).factory())) {
            return failFast ? ExecutorFetch.failFast(pool, uris, client::fetch) : ExecutorFetch.collect(pool, uris, client::fetch);
        }
    }
}
