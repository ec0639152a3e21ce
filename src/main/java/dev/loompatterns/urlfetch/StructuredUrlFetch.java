package dev.loompatterns.urlfetch;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;

/**
 * Scopes in two levels: the top scope, named {@value #SCOPE_NAME}, forks a subtask per group of
 * URLs, and each group opens its own scope, named {@code url-fetch/group-N}, with a fork per URL.
 * Results are read from the subtasks in input order. No executor to shut down, and no request can
 * outlive the call: a scope's {@code close()} waits for its forks. Why two levels for what one
 * scope could do: the names. A thread dump ({@code loom dump url-fetch --mode structured}) lists
 * each scope as a thread container under its parent, so it shows the same tree as this code.
 *
 * <p>On failures: {@code OUTCOMES}, forks return every outcome and none fails. {@code FAIL_FAST},
 * a fork whose URL fails throws, and the default joiner cancels its group's other forks; the group
 * fails, and the top scope cancels the other groups: what the executors need a completion-service
 * loop for ({@link ExecutorFetch}). {@code AWAIT_ALL}, the same throwing forks under
 * {@code Joiner.awaitAll()}, which cancels nothing; each outcome is read from its subtask. Each
 * joiner is handed to its scope through {@link ScopeCancels}, which changes nothing it decides and
 * notes when a cancel was decided, for the fail-fast check.
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505); in JDK 26
 * (JEP 525) {@code Joiner.allSuccessfulOrThrow()} returns a List instead of a Stream. This class
 * uses only {@code open(Joiner, Function)} with {@code Configuration.withName},
 * {@code Joiner.awaitAllSuccessfulOrThrow()} and {@code Joiner.awaitAll()} (and, in
 * {@link ScopeCancels}, implements {@code Joiner} to delegate to them).
 */
public final class StructuredUrlFetch implements Form {

    /** The top scope's name, as a thread dump shows it. */
    public static final String SCOPE_NAME = "url-fetch";

    /** Requests per inner scope unless told otherwise. */
    public static final int DEFAULT_GROUP_SIZE = 10;

    /** The name of the scope for group {@code index}: {@code url-fetch/group-3}. */
    public static String groupName(int index) {
        return SCOPE_NAME + "/group-" + index;
    }

    @Override
    public List<Outcome> fetchAll(UrlClient client, List<URI> uris, Options options)
            throws InterruptedException, FetchFailedException {
        InFlightLimit limit = new InFlightLimit(options.maxInFlight());
        Fetch fetch = options.onFailure() == OnFailure.OUTCOMES
                ? uri -> limit.fetch(client, uri)
                : uri -> limit.fetchOrThrow(client, uri);
        ScopeCancels cancels = new ScopeCancels(client); // notes when a cancel was decided, for the check
        try (var scope = StructuredTaskScope.open(
                cancels.top(Joiner.<List<Outcome>>awaitAllSuccessfulOrThrow()),
                config -> config.withName(SCOPE_NAME))) {
            List<Subtask<List<Outcome>>> groups = new ArrayList<>();
            for (int from = 0, index = 0; from < uris.size(); from += options.groupSize(), index++) {
                List<URI> group = uris.subList(from, Math.min(from + options.groupSize(), uris.size()));
                String name = groupName(index);
                groups.add(scope.fork(() -> fetchGroup(group, name, fetch, options.onFailure(), cancels)));
            }
            join(scope);
            return groups.stream().flatMap(group -> group.get().stream()).toList();
        }
    }

    private static List<Outcome> fetchGroup(
            List<URI> group, String name, Fetch fetch, OnFailure onFailure, ScopeCancels cancels)
            throws InterruptedException, FetchFailedException {
        Joiner<Outcome, Void> joiner =
                onFailure == OnFailure.AWAIT_ALL ? Joiner.awaitAll() : Joiner.awaitAllSuccessfulOrThrow();
        try (var scope = StructuredTaskScope.open(cancels.group(joiner), config -> config.withName(name))) {
            List<Subtask<Outcome>> fetches = new ArrayList<>(group.size());
            for (URI uri : group) {
                fetches.add(scope.fork(() -> fetch.call(uri)));
            }
            join(scope); // the first fork to throw cancels the others, unless awaitAll; close() waits for them to end
            return fetches.stream().map(StructuredUrlFetch::outcome).toList();
        }
    }

    /** A fork's value, or under {@code awaitAll} the outcome its URL failed with. */
    private static Outcome outcome(Subtask<Outcome> fetch) {
        return fetch.state() == Subtask.State.FAILED && fetch.exception() instanceof FetchFailedException failed
                ? failed.outcome()
                : fetch.get();
    }

    /** Joins, throwing a fork's {@link FetchFailedException} itself rather than wrapped, at any depth. */
    private static void join(StructuredTaskScope<?, Void> scope) throws InterruptedException, FetchFailedException {
        try {
            scope.join();
        } catch (StructuredTaskScope.FailedException e) {
            if (e.getCause() instanceof FetchFailedException failed) {
                throw failed;
            }
            throw e;
        }
    }
}
