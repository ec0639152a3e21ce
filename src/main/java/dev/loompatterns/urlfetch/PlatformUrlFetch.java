package dev.loompatterns.urlfetch;

import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The tutorial's {@code ThreadPoolExecutor(max_workers=N).map(fetch, urls)}: a fixed pool of
 * {@code workers} platform threads. The pool size is both the concurrency limit and the thread
 * count, so with 50 ms of latency, 20 workers fetch at most 400 URLs a second however many are
 * waiting.
 *
 * <p>On failures: by default every URL's outcome comes back, errors included ({@code invokeAll});
 * with {@code FAIL_FAST}, the first failure cancels the rest ({@link ExecutorFetch}).
 */
public final class PlatformUrlFetch implements Form {

    @Override
    public List<Outcome> fetchAll(UrlClient client, List<URI> uris, Options options) throws Exception {
        Fetch fetch = client::fetch;
        // close() waits for the executor's threads to end, so none outlives the call.
        try (ExecutorService executor = Executors.newFixedThreadPool(
                options.workers(), Thread.ofPlatform().name("fetch-", 0).factory())) {
            return ExecutorFetch.fetchAll(executor, client, uris, fetch, options.onFailure());
        }
    }
}
