package dev.loompatterns.urlfetch;

import dev.loompatterns.core.RunGate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * The blocking fetch every mode calls: the tutorial's {@code urllib.request.urlopen}, done with
 * {@link HttpClient#send}. Blocking is the point: on a virtual thread, {@code send} parks and the
 * carrier serves another request meanwhile.
 *
 * <p>Every request has a timeout, so a server that never answers (a stall fault) costs the
 * caller that long and no longer. The client counts the requests still in flight, and notes when
 * the first request failed, when the caller decided to cancel the rest, and when the timeout of
 * each request it ended, its caller not interrupted, was due: how a fail-fast check sees that
 * nothing was left running, and that no request was waited for long after the first failure.
 */
final class UrlClient implements AutoCloseable {

    /** The timeout a client gets unless told otherwise: generous, for the user's own URLs. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final java.util.function.Function<URI, Duration> timeoutFor;
    private final HttpClient client;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Times below are nanoseconds since this instant, so they only grow. */
    private final long origin = System.nanoTime();
    /** When the earliest failed fetch ended, before its caller could see it; MAX_VALUE if none failed. */
    private final LongAccumulator firstFailure = new LongAccumulator(Math::min, Long.MAX_VALUE);
    /**
     * For each request the timeout ended while its caller was not interrupted: the earliest its
     * timeout could fire, its start plus its timeout. Every request, stalled or not.
     */
    private final Queue<Long> timeoutsDue = new ConcurrentLinkedQueue<>();
    /** When the caller first decided to cancel every fetch still running; MAX_VALUE if it never did. */
    private final LongAccumulator cancelDecided = new LongAccumulator(Math::min, Long.MAX_VALUE);

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
        Duration timeout = timeoutFor.apply(uri);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        inFlight.incrementAndGet();
        Outcome outcome;
        long started = now(); // before send, whose timer starts later: the timeout fires after
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            outcome = new Outcome(uri, response.statusCode(), response.body());
        } catch (HttpTimeoutException e) {
            // A caller interrupted by now was cancelled, and the timeout merely came first (a woken thread may
            // wait its turn on a busy machine): only a caller nobody interrupted was left to wait.
            if (!Thread.currentThread().isInterrupted()) {
                timeoutsDue.add(started + timeout.toNanos());
            }
            outcome = Outcome.failed(uri, e);
        } catch (IOException e) {
            outcome = Outcome.failed(uri, e);
        } finally {
            inFlight.decrementAndGet();
        }
        if (!outcome.ok()) {
            firstFailure.accumulate(now()); // before the caller can see the failure
        }
        return outcome;
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

    /** This client's clock, which {@link #cancelDecided} takes: nanoseconds since the client was made. */
    long now() {
        return System.nanoTime() - origin;
    }

    /**
     * Notes that the caller decided, at {@code at} ({@link #now()}), to cancel every fetch of its
     * call still running. A fail-fast caller notes it before it cancels; the earliest note counts.
     */
    void cancelDecided(long at) {
        cancelDecided.accumulate(at);
    }

    /**
     * Requests the timeout ended while their caller was not interrupted, whose timeout was due
     * more than {@code margin} after the first failed fetch ended and before the caller decided
     * to cancel (any time, if it never did): requests left waiting well after a fail-fast caller
     * could have seen a failure, before it chose to cancel them. Each timeout fires no earlier
     * than it was due (the request's start plus its timeout), and no caller can see a failure
     * before this client notes it, so the count depends neither on how late a timeout was
     * reported nor on how long a decided cancel took to reach a thread and that thread to run;
     * only on how long the caller took to decide. 0 if no fetch failed.
     */
    long timedOutLaterThan(Duration margin) {
        long first = firstFailure.get();
        if (first == Long.MAX_VALUE) {
            return 0;
        }
        long cancel = cancelDecided.get();
        return timeoutsDue.stream()
                .filter(due -> due - first > margin.toNanos() && due < cancel)
                .count();
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
