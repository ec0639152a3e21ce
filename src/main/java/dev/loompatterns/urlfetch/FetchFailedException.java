package dev.loompatterns.urlfetch;

/**
 * Thrown by a fetch that must fail its caller, not just report, when a URL did not answer 2xx or
 * 3xx: what makes a {@code StructuredTaskScope}'s default joiner, or the executors' fail-fast
 * loop, cancel the other fetches.
 */
public final class FetchFailedException extends Exception {

    private final transient Fetched fetched;

    public FetchFailedException(Fetched fetched) {
        super(fetched.uri() + " -> " + (fetched.error() != null ? fetched.body() : "HTTP " + fetched.status()), fetched.error());
        this.fetched = fetched;
    }

    /** The outcome that failed, with its URL. */
    public Fetched fetched() {
        return fetched;
    }
}
