package dev.loompatterns.urlfetch;

import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A virtual thread per URL, named as the pool's threads were. The pool is gone, and with it the
 * pool size as a limit: if the server must not see more than N requests at once, a semaphore
 * ({@link InFlightLimit}) of N permits says so (JEP 444: "do not pool virtual threads"; limit the
 * resource, not the threads).
 *
 * <p>On failures, as the pool: every outcome by default, or the first failure cancelling the rest.
 */
public final class VirtualUrlFetch implements Form {

    @Override
    public List<Outcome> fetchAll(UrlClient client, List<URI> uris, Options options) throws Exception {
        InFlightLimit limit = new InFlightLimit(options.maxInFlight());
        Fetch fetch = uri -> limit.fetch(client, uri);
        // close() waits for the executor's threads to end, so none outlives the call.
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("fetch-", 0).factory())) {
            return ExecutorFetch.fetchAll(executor, client, uris, fetch, options.onFailure());
        }
    }
}
