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
 * The tutorial's {@code ThreadPoolExecutor(max_workers=N).map(fetch, urls)}: a fixed pool of
 * platform threads. The pool size is both the concurrency limit and the thread count, so with
 * 50 ms of latency, 20 workers fetch at most 400 URLs a second however many are waiting.
 */
public final class PlatformUrlFetch implements Fetcher {

    private final int workers;

    public PlatformUrlFetch(int workers) {
        this.workers = workers;
    }

    @Override
    public List<Fetched> fetchAll(UrlClient client, List<URI> uris) throws InterruptedException, ExecutionException {
        List<Callable<Fetched>> calls = uris.stream().<Callable<Fetched>>map(uri -> () -> client.fetch(uri)).toList();
        // close() waits for the pool's threads to end, so none outlives the call.
        try (ExecutorService pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("fetch-", 0).factory())) {
            List<Fetched> results = new ArrayList<>(uris.size());
            for (Future<Fetched> future : pool.invokeAll(calls)) {
                results.add(future.get());
            }
            return results;
        }
    }
}
