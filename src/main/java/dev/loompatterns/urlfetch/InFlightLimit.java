package dev.loompatterns.urlfetch;

import java.net.URI;
import java.util.concurrent.Semaphore;

/**
 * What replaces the pool size when threads are virtual: a {@link Semaphore} that caps the requests
 * in flight, however many threads there are. With no limit, it lets every request through.
 */
final class InFlightLimit {

    private final Semaphore permits;

    /** @param maxInFlight the most requests at once, or 0 for no limit */
    InFlightLimit(int maxInFlight) {
        this.permits = maxInFlight > 0 ? new Semaphore(maxInFlight) : null;
    }

    Outcome fetch(UrlClient client, URI uri) throws InterruptedException {
        return limited(() -> client.fetch(uri));
    }

    /** Fetches through {@link UrlClient#fetchOrThrow}: a failed URL is thrown, for a fail-fast caller. */
    Outcome fetchOrThrow(UrlClient client, URI uri) throws InterruptedException, FetchFailedException {
        return limited(() -> client.fetchOrThrow(uri));
    }

    private <X extends Exception> Outcome limited(Request<X> request) throws InterruptedException, X {
        if (permits == null) {
            return request.send();
        }
        permits.acquire(); // BLOCKS-UNTIL: fewer than maxInFlight requests are in flight
        try {
            return request.send();
        } finally {
            permits.release();
        }
    }

    private interface Request<X extends Exception> {
        Outcome send() throws InterruptedException, X;
    }
}
