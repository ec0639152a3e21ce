package dev.loompatterns.urlfetch;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Limits;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.UsageException;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Catalogue entry for {@code url-fetch}; see the package documentation. */
public final class UrlFetchPattern implements Pattern {

    static final String LATENCY_MS = "latency-ms";
    static final String WORKERS = "workers";
    static final String MAX_IN_FLIGHT = "max-in-flight";
    static final String URLS = "urls";
    static final String GROUP_SIZE = "group-size";
    static final String TIMEOUT_MS = "timeout-ms";
    static final String FAULT_RATE = "fault-rate";
    static final String FAULT_SEED = "fault-seed";
    static final String FAULTS = "faults";

    /** Fault-free: the server answers every URL. The first variant, so a plain run is unchanged. */
    static final Variant NO_FAULTS = Variant.of("default", "no faults: the server answers every URL");
    /** The server injects faults; every URL's outcome comes back, errors included. */
    static final Variant FAULTS_COLLECT = Variant.of("faults",
            "injected faults; every outcome comes back (pool and virtual: invokeAll; structured: Joiner.awaitAll)");
    /** The server injects faults; the first failure cancels the other fetches and is thrown. */
    static final Variant FAULTS_FAIL_FAST = Variant.of("faults-fail-fast",
            "injected faults; the first failure cancels the rest (structured: the default joiner; executors: by hand)");

    /** Fault options a fault variant uses when the user gives none. */
    static final String DEFAULT_FAULT_RATE = "10";
    static final String DEFAULT_FAULT_SEED = "1";
    /** The fault variants' timeout unless told otherwise: short, as every stall costs one. */
    static final Duration FAULT_TIMEOUT = Duration.ofSeconds(2);

    /** Requests one run may make: each is a connection's worth of sockets on loopback. */
    static final int MAX_REQUESTS = 100_000;

    @Override
    public String id() {
        return "url-fetch";
    }

    @Override
    public String title() {
        return "fetch many URLs, results in input order";
    }

    @Override
    public String tutorial() {
        return "ThreadPoolExecutor(max_workers=N).map(fetch, urls)";
    }

    @Override
    public int number() {
        return 11;
    }

    @Override
    public List<Variant> variants() {
        return List.of(NO_FAULTS, FAULTS_COLLECT, FAULTS_FAIL_FAST);
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.ofInt(LATENCY_MS, "the embedded server's latency per request", 20, 0, 60_000),
                Param.ofInt(WORKERS, "platform mode: the fixed pool's size (max_workers)", 20, 1, Limits.MAX_PLATFORM_THREADS),
                Param.ofInt(MAX_IN_FLIGHT, "virtual and structured modes: a semaphore's permits, 0 for no limit", 0, 0, MAX_REQUESTS),
                Param.ofInt(GROUP_SIZE, "structured mode: requests per inner scope (url-fetch/group-N)",
                        StructuredUrlFetch.DEFAULT_GROUP_SIZE, 1, MAX_REQUESTS),
                Param.ofText(URLS, "comma-separated http(s) URLs to fetch instead of the embedded server; --tasks is then ignored", ""),
                Param.ofInt(TIMEOUT_MS, "the client's timeout per request, which ends a stall; 0 for "
                        + UrlClient.DEFAULT_TIMEOUT.toMillis() + ", or " + FAULT_TIMEOUT.toMillis() + " for the stalled items of the fault variants "
                        + "(their other items keep " + UrlClient.DEFAULT_TIMEOUT.toMillis() + ")", 0, 0, 600_000),
                Param.ofText(FAULT_RATE, "fault variants: percent of items the server answers wrongly, 0..100 (default "
                        + DEFAULT_FAULT_RATE + ")", ""),
                Param.ofText(FAULT_SEED, "fault variants: the seed that picks which items and how (default " + DEFAULT_FAULT_SEED + ")", ""),
                Param.ofText(FAULTS, "fault variants: the kinds to inject, any of " + FaultPlan.ALL_KINDS + " (default all)", ""));
    }

    @Override
    public int defaultTasks() {
        return 200;
    }

    @Override
    public int maxTasks(Mode mode) {
        return MAX_REQUESTS; // the platform form is a fixed pool, so tasks are not threads
    }

    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        try (Prepared run = prepare(mode, variant, workload)) {
            return run.run();
        }
    }

    /**
     * Starts the embedded server and the client before the clock, so {@code wall_ms} is the fetching
     * alone, as in the example, and closes them after it.
     */
    @Override
    public Prepared prepare(Mode mode, Variant variant, Workload workload) throws Exception {
        List<URI> userUrls = parseUrls(workload.text(URLS));
        FaultPlan plan = faultPlan(variant, workload, !userUrls.isEmpty());
        Duration timeout = workload.intValue(TIMEOUT_MS) > 0 ? workload.millis(TIMEOUT_MS)
                : plan == FaultPlan.NONE ? UrlClient.DEFAULT_TIMEOUT : FAULT_TIMEOUT;
        Duration latency = workload.millis(LATENCY_MS);
        // In the fault variants only stalled items get this timeout; the others get at least DEFAULT_TIMEOUT.
        Duration answered = plan == FaultPlan.NONE || UrlClient.DEFAULT_TIMEOUT.compareTo(timeout) <= 0 ? timeout : UrlClient.DEFAULT_TIMEOUT;
        if (userUrls.isEmpty() && latency.compareTo(answered) >= 0) {
            throw new UsageException(LATENCY_MS + " (" + latency.toMillis() + ") must be below " + TIMEOUT_MS + " ("
                    + answered.toMillis() + "), or every request times out; raise " + TIMEOUT_MS);
        }
        boolean failFast = variant.id().equals(FAULTS_FAIL_FAST.id());
        Fetcher fetcher = switch (mode) {
            case PLATFORM -> new PlatformUrlFetch(workload.intValue(WORKERS), failFast);
            case VIRTUAL -> new VirtualUrlFetch(workload.intValue(MAX_IN_FLIGHT), failFast);
            case STRUCTURED -> new StructuredUrlFetch(workload.intValue(MAX_IN_FLIGHT), workload.intValue(GROUP_SIZE),
                    failFast ? StructuredUrlFetch.Joining.FAIL_FAST
                            : variant.id().equals(FAULTS_COLLECT.id()) ? StructuredUrlFetch.Joining.AWAIT_ALL : StructuredUrlFetch.Joining.OUTCOMES);
        };
        // Only a stall needs the short timeout, to end it; any other item of a fault variant gets the
        // generous one, so that queueing on a loaded machine is not mistaken for a fault.
        Duration stallTimeout = timeout;
        Duration otherTimeout = UrlClient.DEFAULT_TIMEOUT.compareTo(timeout) > 0 ? UrlClient.DEFAULT_TIMEOUT : timeout;
        UrlClient client = plan == FaultPlan.NONE || !userUrls.isEmpty() ? new UrlClient(timeout)
                : new UrlClient(otherTimeout, uri -> plan.faultFor(LatencyServer.itemIndex(uri.getPath())) == FaultPlan.Kind.STALL
                        ? stallTimeout : otherTimeout);
        if (!userUrls.isEmpty()) {
            return new Prepared() {
                @Override
                public Check run() throws Exception {
                    return checkUserUrls(userUrls, fetcher.fetchAll(client, userUrls));
                }

                @Override
                public void close() {
                    client.close();
                }
            };
        }
        LatencyServer server;
        try {
            server = LatencyServer.start(latency, plan);
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
        List<URI> items = server.items(workload.tasks());
        return new Prepared() {
            @Override
            public Check run() throws Exception {
                List<Fetched> results;
                try {
                    results = fetcher.fetchAll(client, items);
                } catch (FetchFailedException e) {
                    return checkFailedFast(items, e.fetched(), plan, client.inFlight(), client.timedOut());
                }
                return checkFaults(items, results, plan, server.served());
            }

            @Override
            public void close() {
                try (client) {
                    server.close();
                }
            }
        };
    }

    /**
     * The fault plan for a run: none for the fault-free variant, else the user's options or their
     * defaults.
     *
     * @throws UsageException if fault options are given to the fault-free variant, or faults
     *                        are asked for together with the user's own URLs
     */
    static FaultPlan faultPlan(Variant variant, Workload workload, boolean userUrls) {
        List<String> given = List.of(FAULT_RATE, FAULT_SEED, FAULTS).stream().filter(name -> !workload.text(name).isBlank()).toList();
        if (variant.id().equals(NO_FAULTS.id())) {
            if (!given.isEmpty()) {
                throw new UsageException("-P " + given.getFirst() + " applies only to the fault variants " + FAULTS_COLLECT.id() + " and "
                        + FAULTS_FAIL_FAST.id() + ": choose one (run: --variant " + FAULTS_COLLECT.id() + "; compare: --variants "
                        + FAULTS_COLLECT.id() + "," + FAULTS_FAIL_FAST.id() + ")");
            }
            return FaultPlan.NONE;
        }
        if (userUrls) {
            throw new UsageException("variant " + variant.id() + " injects faults in the embedded server, so it cannot fetch -P "
                    + URLS + "; drop -P " + URLS + " or use the default variant");
        }
        return FaultPlan.parse(orDefault(workload.text(FAULT_RATE), DEFAULT_FAULT_RATE),
                orDefault(workload.text(FAULT_SEED), DEFAULT_FAULT_SEED), orDefault(workload.text(FAULTS), FaultPlan.ALL_KINDS));
    }

    private static String orDefault(String value, String otherwise) {
        return value.isBlank() ? otherwise : value;
    }

    /** Every item came back in input order with the body the server sent for it, and each was served once. */
    static Check checkServed(List<URI> asked, List<Fetched> results, long served) {
        return checkFaults(asked, results, FaultPlan.NONE, served);
    }

    /**
     * Every item came back in input order; exactly the items the plan faulted failed, each with
     * the outcome its fault gives (500: HTTP 500; stall: timeout; fail, reset: an I/O error);
     * every other item answered with its body, and was served once.
     */
    static Check checkFaults(List<URI> asked, List<Fetched> results, FaultPlan plan, long served) {
        Check order = checkOrder(asked, results);
        if (order != null) {
            return order;
        }
        int faulted = 0;
        for (Fetched result : results) {
            String path = result.uri().getPath();
            FaultPlan.Kind fault = plan.faultFor(LatencyServer.itemIndex(path));
            if (fault != null) {
                faulted++;
                if (!fault.expectedOutcome().equals(result.outcome())) {
                    return Check.failed(path + " had fault " + fault.id() + " and came back " + result.outcome() + " ('"
                            + result.body() + "'), expected " + fault.expectedOutcome());
                }
                continue;
            }
            String expected = LatencyServer.expectedBody(path);
            if (result.status() != 200 || !expected.equals(result.body())) {
                return Check.failed(path + " answered " + result.status() + " '" + result.body() + "', expected '" + expected + "'"
                        + (Fetched.TIMEOUT.equals(result.outcome()) ? "; is -P " + TIMEOUT_MS + " too short for this machine?" : ""));
            }
        }
        if (served != asked.size() - faulted) {
            return Check.failed("server answered " + served + " requests for " + (asked.size() - faulted) + " URLs");
        }
        if (faulted == 0) {
            return Check.passed(asked.size() + " bodies in input order, each served once");
        }
        return Check.passed(asked.size() + " outcomes in input order: the " + faulted + " faulted failed as planned ("
                + plan.summary(asked.size()) + "), the other " + (asked.size() - faulted) + " answered once each");
    }

    /**
     * A fail-fast run threw: the URL it threw for was faulted and failed as its fault says, no
     * fetch was still running when the call returned, and, unless the first failure was itself a
     * stall, no stalled fetch was waited for until its timeout (each was cancelled instead).
     *
     * @param inFlight fetches still running when the call returned
     * @param timedOut fetches the client's timeout ended
     */
    static Check checkFailedFast(List<URI> asked, Fetched first, FaultPlan plan, int inFlight, long timedOut) {
        String path = first.uri().getPath();
        FaultPlan.Kind fault = plan.faultFor(LatencyServer.itemIndex(path));
        if (!asked.contains(first.uri()) || fault == null) {
            return Check.failed("the run failed on " + first.uri() + " (" + first.outcome() + "), which was not a faulted URL"
                    + (Fetched.TIMEOUT.equals(first.outcome()) ? "; is -P " + TIMEOUT_MS + " too short for this machine?" : ""));
        }
        if (!fault.expectedOutcome().equals(first.outcome())) {
            return Check.failed("the run failed on " + path + " with " + first.outcome() + ", but its fault " + fault.id()
                    + " gives " + fault.expectedOutcome());
        }
        if (inFlight != 0) {
            return Check.failed(inFlight + " fetches were still running when the call returned");
        }
        if (fault != FaultPlan.Kind.STALL && timedOut > 0) {
            return Check.failed(timedOut + " stalled fetches ran to their timeout: the run waited for them instead of cancelling them");
        }
        return Check.passed("failed fast on " + path + " (" + fault.id() + " -> " + first.outcome() + ") of " + plan.summary(asked.size())
                + "; the other fetches were cancelled, none still running" + (fault == FaultPlan.Kind.STALL ? "" : ", none waited for"));
    }

    static Check checkUserUrls(List<URI> asked, List<Fetched> results) {
        Check order = checkOrder(asked, results);
        if (order != null) {
            return order;
        }
        List<String> failures = new ArrayList<>();
        for (Fetched result : results) {
            if (!result.ok()) {
                failures.add(result.uri() + " -> " + (result.status() < 0 ? result.body() : "HTTP " + result.status()));
            }
        }
        return failures.isEmpty()
                ? Check.passed(asked.size() + " URLs answered 2xx/3xx, in input order")
                : Check.failed(failures.size() + " of " + asked.size() + " failed: " + String.join("; ", failures));
    }

    private static Check checkOrder(List<URI> asked, List<Fetched> results) {
        if (results.size() != asked.size()) {
            return Check.failed(results.size() + " results for " + asked.size() + " URLs");
        }
        for (int i = 0; i < asked.size(); i++) {
            if (!asked.get(i).equals(results.get(i).uri())) {
                return Check.failed("result " + i + " is for " + results.get(i).uri() + ", expected " + asked.get(i));
            }
        }
        return null;
    }

    /** The user's URLs, each an absolute http or https URL. */
    static List<URI> parseUrls(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        List<URI> uris = new ArrayList<>();
        for (String part : Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            try {
                URI uri = new URI(part);
                if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
                    throw new UsageException("urls: '" + part + "' is not an http or https URL with a host");
                }
                uris.add(uri);
            } catch (URISyntaxException e) {
                throw new UsageException("urls: '" + part + "' is not a URL: " + e.getReason());
            }
        }
        return uris;
    }
}
