package dev.loompatterns.urlfetch;

import java.net.URI;
import java.util.List;

/**
 * What every mode implements: fetches every URL and returns the outcomes in input order, as {@code executor.map} does.
 */
interface Form {

    List<Outcome> fetchAll(UrlClient client, List<URI> uris, Options options) throws Exception;

    /** What a form does when a URL fails. */
    enum OnFailure {
        /** Every outcome comes back, errors included; no fetch fails, so nothing is cancelled. */
        OUTCOMES,
        /**
         * Every outcome comes back, errors included. Structured: a failed URL fails its fork, and
         * {@code Joiner.awaitAll()} cancels nothing; the executor forms collect outcomes exactly
         * as under {@link #OUTCOMES}, since a pool has no failing-fork idiom to show.
         */
        AWAIT_ALL,
        /** The first failure cancels every other fetch and is thrown as a {@link FetchFailedException}. */
        FAIL_FAST
    }

    /**
     * The knobs of a run; each form reads those of its mode.
     *
     * @param workers     platform: the fixed pool's size
     * @param maxInFlight virtual and structured: the most requests at once ({@link InFlightLimit}), 0 for no limit
     * @param groupSize   structured: requests per inner scope
     * @param onFailure   what to do when a URL fails
     */
    record Options(int workers, int maxInFlight, int groupSize, OnFailure onFailure) {

        public Options {
            if (groupSize < 1) {
                throw new IllegalArgumentException("groupSize must be at least 1, got " + groupSize);
            }
        }
    }

    /** One fetch, as the form makes it: through its in-flight limit or not, throwing a failure or not. */
    @FunctionalInterface
    interface Fetch {
        Outcome call(URI uri) throws InterruptedException, FetchFailedException;
    }
}
