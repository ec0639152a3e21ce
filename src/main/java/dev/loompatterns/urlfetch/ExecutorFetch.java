package dev.loompatterns.urlfetch;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The two ways an executor can hand back many fetches, shared by the pool and the virtual form
 * (they differ only in the executor they pass).
 *
 * <p>{@link #collect} is {@code invokeAll}: it waits for every URL, and each result carries its
 * own error. {@link #failFast} is what a {@code StructuredTaskScope}'s default joiner does in
 * one line, written by hand: take results as they complete, and at the first failure cancel
 * every other future and throw. The executor's {@code close()} in the caller then waits for the
 * cancelled tasks to end, so nothing outlives the call.
 */
final class ExecutorFetch {

    private ExecutorFetch() {}

    /** Fail-fast or not, as {@code onFailure} says. */
    static List<Outcome> fetchAll(
            ExecutorService executor, UrlClient client, List<URI> uris, Form.Fetch fetch, Form.OnFailure onFailure)
            throws InterruptedException, ExecutionException, FetchFailedException {
        return onFailure == Form.OnFailure.FAIL_FAST
                ? failFast(executor, client, uris, fetch)
                : collect(executor, uris, fetch);
    }

    /** Every outcome, in input order. */
    private static List<Outcome> collect(ExecutorService executor, List<URI> uris, Form.Fetch fetch)
            throws InterruptedException, ExecutionException {
        List<Callable<Outcome>> calls = uris.stream()
                .<Callable<Outcome>>map(uri -> () -> fetch.call(uri))
                .toList();
        List<Outcome> results = new ArrayList<>(uris.size());
        for (Future<Outcome> future : executor.invokeAll(calls)) {
            results.add(future.get());
        }
        return results;
    }

    /**
     * Every outcome in input order if all succeeded; otherwise the first failure to complete,
     * with every other fetch cancelled.
     *
     * @param client notes when the cancel was decided, for the fail-fast check ({@link UrlClient#cancelDecided})
     * @throws FetchFailedException the first URL that did not answer 2xx or 3xx
     */
    private static List<Outcome> failFast(ExecutorService executor, UrlClient client, List<URI> uris, Form.Fetch fetch)
            throws InterruptedException, ExecutionException, FetchFailedException {
        CompletionService<Outcome> done = new ExecutorCompletionService<>(executor);
        List<Future<Outcome>> futures = new ArrayList<>(uris.size());
        try {
            for (URI uri : uris) {
                futures.add(done.submit(() -> fetch.call(uri)));
            }
            for (int i = 0; i < uris.size(); i++) {
                Outcome outcome = done.take().get(); // BLOCKS-UNTIL: some fetch has completed
                if (!outcome.ok()) {
                    throw new FetchFailedException(outcome);
                }
            }
        } finally {
            // On a failure or an interrupt: notes the decision for the fail-fast check, then interrupts the
            // running fetches; queued ones never start. After a clean end nothing is left to cancel, and the
            // note changes nothing (with no failure the check counts no late timeout).
            client.cancelDecided(client.now());
            futures.forEach(future -> future.cancel(true));
        }
        List<Outcome> results = new ArrayList<>(uris.size());
        for (Future<Outcome> future : futures) {
            results.add(future.resultNow());
        }
        return results;
    }
}
