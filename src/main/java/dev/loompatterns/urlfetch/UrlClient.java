package dev.loompatterns.urlfetch;

import dev.loompatterns.core.RunGate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The blocking fetch every mode calls: the tutorial's {@code urllib.request.urlopen}, done with
 * {@link HttpClient#send}. Blocking is the point: on a virtual thread, {@code send} parks and the
 * carrier serves another request meanwhile.
 *
 * <p>Every request has a timeout, so a server that never answers (a stall fault) costs the
 * caller that long and no longer. The client counts the requests still in flight and those its
 * timeout ended: how a fail-fast check sees that nothing was left running, and that nothing
 * was waited for.
 */
final class UrlClient implements AutoCloseable {

    /** The timeout a client gets unless told otherwise: generous, for the user's own URLs. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final java.util.function.Function<URI, Duration> timeoutFor;
    private final HttpClient client;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder timedOut = new LongAdder();

    /** @param timeout how long a request may take, connecting included, before it fails */
    UrlClient(Duration timeout) {
        this(timeout, uri -> timeout);
    }

    /**
     * @param connectTimeout how long connecting may take
     * @param timeoutFor     each request's timeout: the fault variants give a stalled item the short
     *                       timeout that ends it, and every other item one that a loaded machine
     *                       does not reach (a request the plan did not fault must not fail because
     *                       5,000 of them queue for two busy cores)
     */
    UrlClient(Duration connectTimeout, java.util.function.Function<URI, Duration> timeoutFor) {
        this.timeoutFor = timeoutFor;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * Fetches one URL; an I/O failure or a timeout becomes a {@link Outcome} with status -1 and
     * its error.
     *
     * @throws InterruptedException if interrupted (a cancelled fork); the request is abandoned
     */
    Outcome fetch(URI uri) throws InterruptedException {
        RunGate.arrive(); // lets `loom dump` hold the run here, mid-fetch; a no-op otherwise
        HttpRequest request =
                HttpRequest.newBuilder(uri).timeout(timeoutFor.apply(uri)).GET().build();
        inFlight.incrementAndGet();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Outcome(uri, response.statusCode(), response.body());
        } catch (HttpTimeoutException e) {
            timedOut.increment();
            return Outcome.failed(uri, e);
        } catch (IOException e) {
            return Outcome.failed(uri, e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Like {@link #fetch}, but an outcome that is not 2xx or 3xx is thrown, to fail a fail-fast caller. */
    Outcome fetchOrThrow(URI uri) throws InterruptedException, FetchFailedException {
        Outcome outcome = fetch(uri);
        if (!outcome.ok()) {
            throw new FetchFailedException(outcome);
        }
        return outcome;
    }

    /** Requests sent and not yet ended: 0 once every caller has returned. */
    int inFlight() {
        return inFlight.get();
    }

    /** Requests the timeout ended. */
    long timedOut() {
        return timedOut.sum();
    }

    /**
     * Closes the client without waiting for requests nobody waits for. When this is called every
     * caller of {@link #fetch} has returned, so what {@link HttpClient} may still count as in
     * progress is a request whose caller was interrupted (a fork a failure cancelled): on JDK 25
     * such a request can stay open inside the client until its own timeout, and
     * {@code HttpClient.close()}, which waits for every operation, waited that long (2 to 3 in 100
     * fail-fast runs, virtual and structured, each for the whole timeout). They are cancelled first.
     */
    @Override
    public void close() {
        client.shutdownNow();
        client.close();
    }
}
