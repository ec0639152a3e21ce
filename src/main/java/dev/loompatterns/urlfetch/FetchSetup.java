package dev.loompatterns.urlfetch;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * What a run fetches with and from, started before the clock and closed after it: the HTTP client
 * and, unless the user gave URLs of their own, the embedded {@link LatencyServer} and the URLs of
 * its items.
 */
final class FetchSetup implements AutoCloseable {

    private final UrlClient client;
    private final LatencyServer server; // null when fetching the user's URLs
    private final List<URI> urls;

    private FetchSetup(UrlClient client, LatencyServer server, List<URI> urls) {
        this.client = client;
        this.server = server;
        this.urls = urls;
    }

    /** A client for the user's own URLs. */
    static FetchSetup userUrls(List<URI> urls, Duration timeout) {
        return new FetchSetup(new UrlClient(timeout), null, urls);
    }

    /**
     * The embedded server, serving {@code items} items with {@code latency} and the faults of
     * {@code plan}, and a client for it whose requests time out after {@code timeout}. Under a fault
     * plan only a stall needs that timeout, to end it; every other item gets {@code otherTimeout},
     * so that queueing on a loaded machine is not mistaken for a fault.
     */
    static FetchSetup embedded(Duration latency, FaultPlan plan, int items, Duration timeout, Duration otherTimeout)
            throws IOException {
        UrlClient client = plan == FaultPlan.NONE
                ? new UrlClient(timeout)
                : new UrlClient(
                        otherTimeout,
                        uri -> plan.faultFor(LatencyServer.itemIndex(uri.getPath())) == FaultPlan.Kind.STALL
                                ? timeout
                                : otherTimeout);
        LatencyServer server;
        try {
            server = LatencyServer.start(latency, plan);
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
        return new FetchSetup(client, server, server.items(items));
    }

    UrlClient client() {
        return client;
    }

    /** What to fetch. */
    List<URI> urls() {
        return urls;
    }

    /** Whether the URLs are the embedded server's, whose answers the check can know. */
    boolean embedded() {
        return server != null;
    }

    /** Requests the embedded server answered normally. */
    long served() {
        return server.served();
    }

    @Override
    public void close() {
        try (client) {
            if (server != null) {
                server.close();
            }
        }
    }
}
