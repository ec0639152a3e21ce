package dev.loompatterns.urlfetch;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Subtask;

/**
 * A fork per URL in one scope, joined once; results read from the subtasks in input order. No
 * executor to shut down, and no request can outlive the call: {@code close()} waits for them all.
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505).
 */
public final class StructuredUrlFetch implements Fetcher {

    private final InFlightLimit limit;

    /** @param maxInFlight the most requests at once, or 0 for no limit */
    public StructuredUrlFetch(int maxInFlight) {
        this.limit = new InFlightLimit(maxInFlight);
    }

    @Override
    public List<Fetched> fetchAll(UrlClient client, List<URI> uris) throws InterruptedException {
        try (var scope = StructuredTaskScope.open()) {
            List<Subtask<Fetched>> subtasks = new ArrayList<>(uris.size());
            for (URI uri : uris) {
                subtasks.add(scope.fork(() -> limit.fetch(client, uri)));
            }
            scope.join();
            return subtasks.stream().map(Subtask::get).toList();
        }
    }
}
