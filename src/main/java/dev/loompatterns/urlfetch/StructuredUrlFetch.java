package dev.loompatterns.urlfetch;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;

/**
 * Scopes in two levels: the top scope, named {@value #SCOPE_NAME}, forks one subtask per group of
 * URLs; each of those opens its own scope, named {@code url-fetch/group-N}, with a fork per URL.
 * Results are read from the subtasks in input order. No executor to shut down, and no request
 * can outlive the call: each scope's {@code close()} waits for its forks, and a group's scope is
 * closed before its subtask in the top scope returns.
 *
 * <p>Why two levels for what one scope could do: the names. A thread dump
 * ({@code jcmd <pid> Thread.dump_to_file -format=json}, or {@code loom dump url-fetch --mode
 * structured}) lists each scope as a thread container with its parent, so the dump shows the
 * same tree as this code, each request under its group and each group under the fetch. A request
 * that throws fails its group, which fails the fetch, and the siblings at each level are cancelled.
 *
 * <p>On failures, the {@link Joining} says which joiner the inner scopes use. {@code OUTCOMES}:
 * forks return every outcome, errors included, so no fork fails. {@code FAIL_FAST}: a fork whose
 * URL fails throws, and the default joiner ({@code awaitAllSuccessfulOrThrow}) cancels its group's
 * other forks; the group fails, and the top scope cancels the other groups: what the executors
 * need a completion-service loop for ({@link ExecutorFetch#failFast}). {@code AWAIT_ALL}: the
 * same throwing forks under {@code Joiner.awaitAll()}, which cancels nothing; each outcome is
 * read from its subtask, a success's value or a failure's exception.
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505); in JDK 26
 * (JEP 525) {@code Joiner.allSuccessfulOrThrow()} returns a List instead of a Stream. This class
 * uses only {@code open(Joiner, Function)} with {@code Configuration.withName},
 * {@code Joiner.awaitAllSuccessfulOrThrow()} and {@code Joiner.awaitAll()}.
 */
public final class StructuredUrlFetch implements Fetcher {

    /** The top scope's name, as a thread dump shows it. */
    public static final String SCOPE_NAME = "url-fetch";

    /** Requests per inner scope unless told otherwise. */
    public static final int DEFAULT_GROUP_SIZE = 10;

    /** What a group's scope does when a URL fails. */
    public enum Joining {
        /** Forks return every outcome, errors included; nothing fails and nothing is cancelled. */
        OUTCOMES,
        /** A failed URL fails its fork; the first failure cancels every other fetch and is thrown. */
        FAIL_FAST,
        /** A failed URL fails its fork; {@code Joiner.awaitAll()} waits for all, and each outcome is read from its subtask. */
        AWAIT_ALL
    }

    private final InFlightLimit limit;
    private final int groupSize;
    private final Joining joining;

    /** @param maxInFlight the most requests at once, or 0 for no limit */
    public StructuredUrlFetch(int maxInFlight) {
        this(maxInFlight, DEFAULT_GROUP_SIZE);
    }

    /**
     * @param maxInFlight the most requests at once, or 0 for no limit
     * @param groupSize   requests per inner scope
     */
    public StructuredUrlFetch(int maxInFlight, int groupSize) {
        this(maxInFlight, groupSize, Joining.OUTCOMES);
    }

    /**
     * @param maxInFlight the most requests at once, or 0 for no limit
     * @param groupSize   requests per inner scope
     * @param joining     what a group does when a URL fails
     */
    public StructuredUrlFetch(int maxInFlight, int groupSize, Joining joining) {
        if (groupSize < 1) {
            throw new IllegalArgumentException("groupSize must be at least 1, got " + groupSize);
        }
        this.limit = new InFlightLimit(maxInFlight);
        this.groupSize = groupSize;
        this.joining = joining;
    }

    /** The name of the scope for group {@code index}: {@code url-fetch/group-3}. */
    public static String groupName(int index) {
        return SCOPE_NAME + "/group-" + index;
    }

    @Override
    public List<Fetched> fetchAll(UrlClient client, List<URI> uris) throws InterruptedException, FetchFailedException {
        try (var scope = StructuredTaskScope.open(Joiner.<List<Fetched>>awaitAllSuccessfulOrThrow(),
                config -> config.withName(SCOPE_NAME))) {
            List<Subtask<List<Fetched>>> groups = new ArrayList<>();
            for (int from = 0, index = 0; from < uris.size(); from += groupSize, index++) {
                List<URI> group = uris.subList(from, Math.min(from + groupSize, uris.size()));
                String name = groupName(index);
                groups.add(scope.fork(() -> fetchGroup(client, group, name)));
            }
            join(scope);
            return groups.stream().flatMap(group -> group.get().stream()).toList();
        }
    }

    private List<Fetched> fetchGroup(UrlClient client, List<URI> group, String name) throws InterruptedException, FetchFailedException {
        return switch (joining) {
            case OUTCOMES -> fetchGroupOutcomes(client, group, name);
            case FAIL_FAST -> fetchGroupFailFast(client, group, name);
            case AWAIT_ALL -> fetchGroupAwaitAll(client, group, name);
        };
    }

    private List<Fetched> fetchGroupOutcomes(UrlClient client, List<URI> group, String name) throws InterruptedException {
        try (var scope = StructuredTaskScope.open(Joiner.<Fetched>awaitAllSuccessfulOrThrow(), config -> config.withName(name))) {
            List<Subtask<Fetched>> fetches = new ArrayList<>(group.size());
            for (URI uri : group) {
                fetches.add(scope.fork(() -> limit.fetch(client, uri)));
            }
            scope.join();
            return fetches.stream().map(Subtask::get).toList();
        }
    }

    private List<Fetched> fetchGroupFailFast(UrlClient client, List<URI> group, String name)
            throws InterruptedException, FetchFailedException {
        try (var scope = StructuredTaskScope.open(Joiner.<Fetched>awaitAllSuccessfulOrThrow(), config -> config.withName(name))) {
            List<Subtask<Fetched>> fetches = new ArrayList<>(group.size());
            for (URI uri : group) {
                fetches.add(scope.fork(() -> limit.fetchOrThrow(client, uri)));
            }
            join(scope); // the first fork to throw cancels the others; close() waits for them to end
            return fetches.stream().map(Subtask::get).toList();
        }
    }

    private List<Fetched> fetchGroupAwaitAll(UrlClient client, List<URI> group, String name) throws InterruptedException {
        try (var scope = StructuredTaskScope.open(Joiner.<Fetched>awaitAll(), config -> config.withName(name))) {
            List<Subtask<Fetched>> fetches = new ArrayList<>(group.size());
            for (URI uri : group) {
                fetches.add(scope.fork(() -> limit.fetchOrThrow(client, uri)));
            }
            scope.join(); // awaitAll never throws for a failed fork: every fork has ended
            List<Fetched> outcomes = new ArrayList<>(group.size());
            for (Subtask<Fetched> fetch : fetches) {
                outcomes.add(switch (fetch.state()) {
                    case SUCCESS -> fetch.get();
                    case FAILED -> failedOutcome(fetch.exception());
                    case UNAVAILABLE -> throw new IllegalStateException("a fork of an awaitAll scope had not ended after join");
                });
            }
            return outcomes;
        }
    }

    private static Fetched failedOutcome(Throwable exception) {
        if (exception instanceof FetchFailedException failed) {
            return failed.fetched();
        }
        throw new IllegalStateException("a fetch failed with something other than its URL's outcome", exception);
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
