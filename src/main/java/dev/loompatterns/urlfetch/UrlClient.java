package dev.loompatterns.urlfetch;

import dev.loompatterns.core.RunGate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The blocking fetch every mode calls: the tutorial's {@code urllib.request.urlopen}, done with
 * {@link HttpClient#send}. Blocking is the point: on a virtual thread, {@code send} parks and the
 * carrier serves another request meanwhile.
 */
final class UrlClient implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    /** Fetches one URL; an I/O failure becomes a {@link Fetched} with status -1. */
    Fetched fetch(URI uri) throws InterruptedException {
        RunGate.arrive(); // lets `loom dump` hold the run here, mid-fetch; a no-op otherwise
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Fetched(uri, response.statusCode(), response.body());
        } catch (IOException e) {
            return new Fetched(uri, -1, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
