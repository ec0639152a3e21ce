package dev.loompatterns.urlfetch;

/**
 * Thrown by a fetch that must fail its caller, not just report, when a URL did not answer 2xx or
 * 3xx: what makes a {@code StructuredTaskScope}'s default joiner, or the executors' fail-fast
 * loop, cancel the other fetches.
 */
public final class FetchFailedException extends Exception {

    private final transient Outcome outcome;

    public FetchFailedException(Outcome outcome) {
        super(
                outcome.uri() + " -> " + (outcome.error() != null ? outcome.body() : "HTTP " + outcome.status()),
                outcome.error());
        this.outcome = outcome;
    }

    /** The outcome that failed, with its URL. */
    public Outcome outcome() {
        return outcome;
    }
}
