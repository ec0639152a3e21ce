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

    Fetched fetch(UrlClient client, URI uri) throws InterruptedException {
        if (permits == null) {
            return client.fetch(uri);
        }
        permits.acquire(); // BLOCKS-UNTIL: fewer than maxInFlight requests are in flight
        try {
            return client.fetch(uri);
        } finally {
            permits.release();
        }
    }
}
