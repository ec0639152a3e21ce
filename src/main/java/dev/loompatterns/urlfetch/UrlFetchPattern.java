package dev.loompatterns.urlfetch;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Limits;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.UsageException;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import java.net.URI;
import java.net.URISyntaxException;
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
    public List<Param> params() {
        return List.of(
                Param.ofInt(LATENCY_MS, "the embedded server's latency per request", 20, 0, 60_000),
                Param.ofInt(WORKERS, "platform mode: the fixed pool's size (max_workers)", 20, 1, Limits.MAX_PLATFORM_THREADS),
                Param.ofInt(MAX_IN_FLIGHT, "virtual and structured modes: a semaphore's permits, 0 for no limit", 0, 0, MAX_REQUESTS),
                Param.ofInt(GROUP_SIZE, "structured mode: requests per inner scope (url-fetch/group-N)",
                        StructuredUrlFetch.DEFAULT_GROUP_SIZE, 1, MAX_REQUESTS),
                Param.ofText(URLS, "comma-separated http(s) URLs to fetch instead of the embedded server; --tasks is then ignored", ""));
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
        Fetcher fetcher = switch (mode) {
            case PLATFORM -> new PlatformUrlFetch(workload.intValue(WORKERS));
            case VIRTUAL -> new VirtualUrlFetch(workload.intValue(MAX_IN_FLIGHT));
            case STRUCTURED -> new StructuredUrlFetch(workload.intValue(MAX_IN_FLIGHT), workload.intValue(GROUP_SIZE));
        };
        List<URI> userUrls = parseUrls(workload.text(URLS));
        try (UrlClient client = new UrlClient()) {
            if (!userUrls.isEmpty()) {
                return checkUserUrls(userUrls, fetcher.fetchAll(client, userUrls));
            }
            try (LatencyServer server = LatencyServer.start(workload.millis(LATENCY_MS))) {
                List<URI> items = server.items(workload.tasks());
                List<Fetched> results = fetcher.fetchAll(client, items);
                return checkServed(items, results, server.served());
            }
        }
    }

    /** Every item came back in input order with the body the server sent for it, and each was served once. */
    static Check checkServed(List<URI> asked, List<Fetched> results, long served) {
        Check order = checkOrder(asked, results);
        if (order != null) {
            return order;
        }
        for (Fetched result : results) {
            String expected = LatencyServer.expectedBody(result.uri().getPath());
            if (result.status() != 200 || !expected.equals(result.body())) {
                return Check.failed(result.uri().getPath() + " answered " + result.status() + " '" + result.body() + "', expected '" + expected + "'");
            }
        }
        if (served != asked.size()) {
            return Check.failed("server answered " + served + " requests for " + asked.size() + " URLs");
        }
        return Check.passed(asked.size() + " bodies in input order, each served once");
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
