package dev.loompatterns.urlfetch;

import dev.loompatterns.core.AbstractPattern;
import dev.loompatterns.core.ByMode;
import dev.loompatterns.core.Check;
import dev.loompatterns.core.Limits;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.PatternInfo;
import dev.loompatterns.core.UsageException;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Catalogue entry for {@code url-fetch}; see the package documentation. It reads the parameters,
 * picks the form, and checks the outcomes ({@link OutcomeChecks}); the server and the client are
 * a {@link FetchSetup}, made before the clock starts.
 */
public final class UrlFetchPattern extends AbstractPattern {

    /** The fault variants' timeout unless told otherwise: short, as every stall costs one. */
    static final Duration FAULT_TIMEOUT = Duration.ofSeconds(2);
    /** What a request adds to the backstop timeout of a run ({@link #backstop}). */
    static final Duration BACKSTOP_PER_REQUEST = Duration.ofMillis(10);

    /** Requests one run may make: each is a connection's worth of sockets on loopback. */
    static final int MAX_REQUESTS = 100_000;

    static final Param LATENCY_MS =
            Param.ofInt("latency-ms", "the embedded server's latency per request", 20, 0, 60_000);
    static final Param WORKERS = Param.ofInt(
            "workers", "platform mode: the fixed pool's size (max_workers)", 20, 1, Limits.MAX_PLATFORM_THREADS);
    static final Param MAX_IN_FLIGHT = Param.ofInt(
            "max-in-flight", "virtual and structured modes: a semaphore's permits, 0 for no limit", 0, 0, MAX_REQUESTS);
    static final Param GROUP_SIZE = Param.ofInt(
            "group-size",
            "structured mode: requests per inner scope (url-fetch/group-N)",
            StructuredUrlFetch.DEFAULT_GROUP_SIZE,
            1,
            MAX_REQUESTS);
    static final Param URLS = Param.ofText(
            "urls",
            "comma-separated http(s) URLs to fetch instead of the embedded server; --tasks is then ignored",
            "");
    static final Param TIMEOUT_MS = Param.ofInt(
            "timeout-ms",
            "the client's timeout per request, which ends a stall; 0 for "
                    + UrlClient.DEFAULT_TIMEOUT.toMillis() + " plus " + BACKSTOP_PER_REQUEST.toMillis()
                    + " per request in flight at once, or " + FAULT_TIMEOUT.toMillis()
                    + " for the stalled items of the fault variants (their other items keep the former)",
            0,
            0,
            600_000);
    static final Param FAULT_RATE = Param.ofInt(
            "fault-rate",
            "fault variants: each item's chance, in percent, that the server answers it wrongly",
            10,
            0,
            100);
    static final Param FAULT_SEED = Param.ofInt(
            "fault-seed", "fault variants: the seed that picks which items and how", 1, Long.MIN_VALUE, Long.MAX_VALUE);
    static final Param FAULTS = Param.ofText(
            "faults", "fault variants: the kinds to inject, any of " + FaultPlan.ALL_KINDS + " (default all)", "");

    static final PatternInfo INFO = PatternInfo.fromCatalogue("url-fetch")
            .params(LATENCY_MS, WORKERS, MAX_IN_FLIGHT, GROUP_SIZE, URLS, TIMEOUT_MS, FAULT_RATE, FAULT_SEED, FAULTS)
            .maxTasks(MAX_REQUESTS)
            .build(); // the platform form is a fixed pool, so tasks are not threads

    /** Fault-free: the server answers every URL. The first variant, so a plain run is unchanged. */
    static final Variant NO_FAULTS = INFO.variant("default");
    /** The server injects faults; every URL's outcome comes back, errors included. */
    static final Variant FAULTS_COLLECT = INFO.variant("faults");
    /** The server injects faults; the first failure cancels the other fetches and is thrown. */
    static final Variant FAULTS_FAIL_FAST = INFO.variant("faults-fail-fast");

    /**
     * Platform: a fixed pool of {@code workers} platform threads, {@code invokeAll} or a fail-fast completion
     * loop, the pool size the only limit; virtual: the same with a virtual thread per URL and, if asked, a
     * semaphore of {@code max-in-flight} permits; structured: a named scope per group of URLs under one top
     * scope, a fork per URL, failing fast or awaiting all as the variant asks.
     */
    static final ByMode<Form> FORMS =
            new ByMode<>(PlatformUrlFetch::new, VirtualUrlFetch::new, StructuredUrlFetch::new);

    /** With {@code -P urls=...}, one task per URL: {@code --tasks} is ignored. */
    @Override
    public int tasks(Workload workload) {
        List<URI> userUrls = userUrls(workload);
        return userUrls.isEmpty() ? workload.tasks() : userUrls.size();
    }

    /**
     * Sets up the server and client, fetches with the mode's form and tears down, all in one, so the clock
     * sees the set-up too. Checks that every URL's outcome came back in input order, each faulted item
     * failing as planned and every other answered once; or, for a fail-fast run that threw, that the failure
     * was a planned fault and no fetch was left running.
     */
    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        Settings settings = checkedSettings(mode, variant, workload, true);
        try (FetchSetup setup = settings.setUp(workload)) {
            return fetchAndCheck(FORMS.of(mode), settings, setup);
        }
    }

    /**
     * Reads the parameters as {@link #prepare} will (the fault options, the URLs, the latency against
     * the timeout) and checks that this process may open the sockets the run needs, so that a wrong
     * value fails before any cell of a comparison runs.
     */
    @Override
    public void validate(Mode mode, Variant variant, Workload workload) {
        checkedSettings(mode, variant, workload, false);
    }

    /**
     * The run's settings, once this process is known to be able to open the sockets it needs.
     *
     * @param atSetUp true at the run's set-up, after {@link #validate} ({@link Descriptors#spareAtSetUp})
     */
    private Settings checkedSettings(Mode mode, Variant variant, Workload workload, boolean atSetUp) {
        Settings settings = settings(mode, variant, workload);
        settings.requireDescriptors(mode, tasks(workload), atSetUp);
        return settings;
    }

    /**
     * Starts the embedded server and the client before the clock, so {@code wall_ms} is the fetching
     * alone, as in the example, and closes them after it.
     */
    @Override
    public Prepared prepare(Mode mode, Variant variant, Workload workload) throws Exception {
        Settings settings = checkedSettings(mode, variant, workload, true);
        Form form = FORMS.of(mode);
        FetchSetup setup = settings.setUp(workload);
        return new Prepared() {
            @Override
            public Check run() throws Exception {
                return fetchAndCheck(form, settings, setup);
            }

            @Override
            public void close() {
                setup.close();
            }
        };
    }

    /**
     * What the parameters and the variant ask for, read and checked before anything starts.
     *
     * @param userUrls     the user's own URLs, or empty for the embedded server
     * @param timeout      each request's timeout; under faults, the stalled items' only
     * @param otherTimeout under faults, the timeout of the items that are not stalled
     */
    private record Settings(
            List<URI> userUrls, FaultPlan plan, Duration timeout, Duration otherTimeout, Form.Options options) {

        /** Fails at once, in one line, if this process may not open the sockets the run needs ({@link Descriptors}). */
        void requireDescriptors(Mode mode, int requests, boolean atSetUp) {
            Descriptors.require(mode, requests, options, userUrls.isEmpty(), atSetUp);
        }

        FetchSetup setUp(Workload workload) throws IOException {
            return userUrls.isEmpty()
                    ? FetchSetup.embedded(workload.millis(LATENCY_MS), plan, workload.tasks(), timeout, otherTimeout)
                    : FetchSetup.userUrls(userUrls, timeout);
        }
    }

    /**
     * The timeout of a request nothing stalls on purpose, a backstop against a server that hangs, never
     * part of a check: {@link UrlClient#DEFAULT_TIMEOUT} plus {@link #BACKSTOP_PER_REQUEST} for each request
     * in flight at once ({@link Descriptors#inFlight}: every one in the virtual and structured modes
     * without {@code max-in-flight}). A request's timeout runs from its send: its wait behind the others
     * in flight counts. A flat 30 s failed a structured run of
     * 30,000 requests that took 33 s on the 2-core project machine beside other work (load average 8,
     * 2026-12-01); with this, 330 s: a floor of 100 requests a second.
     */
    static Duration backstop(int requests) {
        return UrlClient.DEFAULT_TIMEOUT.plus(BACKSTOP_PER_REQUEST.multipliedBy(requests));
    }

    private static Settings settings(Mode mode, Variant variant, Workload workload) {
        List<URI> userUrls = userUrls(workload);
        FaultPlan plan = faultPlan(variant, workload, !userUrls.isEmpty());
        Form.OnFailure onFailure = variant.id().equals(FAULTS_FAIL_FAST.id())
                ? Form.OnFailure.FAIL_FAST
                : variant.id().equals(FAULTS_COLLECT.id()) ? Form.OnFailure.AWAIT_ALL : Form.OnFailure.OUTCOMES;
        Form.Options options = new Form.Options(
                workload.intValue(WORKERS), workload.intValue(MAX_IN_FLIGHT), workload.intValue(GROUP_SIZE), onFailure);
        int requests = userUrls.isEmpty() ? workload.tasks() : userUrls.size();
        Duration backstop = backstop(Descriptors.inFlight(mode, requests, options));
        Duration timeout = workload.longValue(TIMEOUT_MS) > 0
                ? workload.millis(TIMEOUT_MS)
                : plan == FaultPlan.NONE ? backstop : FAULT_TIMEOUT;
        // In the fault variants only stalled items get this timeout; the others get at least the backstop.
        Duration otherTimeout = plan == FaultPlan.NONE || backstop.compareTo(timeout) <= 0 ? timeout : backstop;
        Duration latency = workload.millis(LATENCY_MS);
        if (!userUrls.isEmpty() && workload.given(LATENCY_MS)) { // it was taken and did nothing (a hunt)
            throw new UsageException("-P " + LATENCY_MS.name() + " sets the embedded server's latency, which -P "
                    + URLS.name() + " does not use: drop one of the two");
        }
        if (userUrls.isEmpty() && latency.compareTo(otherTimeout) >= 0) {
            throw new UsageException(
                    LATENCY_MS.name() + " (" + latency.toMillis() + ") must be below " + TIMEOUT_MS.name() + " ("
                            + otherTimeout.toMillis() + "), or every request times out; raise " + TIMEOUT_MS.name());
        }
        return new Settings(userUrls, plan, timeout, otherTimeout, options);
    }

    /**
     * Fetches with the form and checks what came back against what the variant promised: one outcome per URL, in
     * input order, or under {@code faults-fail-fast} the first failure thrown.
     */
    private static Check fetchAndCheck(Form form, Settings settings, FetchSetup setup) throws Exception {
        UrlClient client = setup.client();
        if (!setup.embedded()) {
            return OutcomeChecks.checkUserUrls(setup.urls(), form.fetchAll(client, setup.urls(), settings.options()));
        }
        return OutcomeChecks.fetchAndCheck(
                form, client, setup.urls(), settings.options(), settings.plan(), setup::served);
    }

    /**
     * The fault plan for a run: none for the fault-free variant, else the user's options or their
     * defaults.
     *
     * @throws UsageException if fault options are given to the fault-free variant, or faults
     *                        are asked for together with the user's own URLs
     */
    static FaultPlan faultPlan(Variant variant, Workload workload, boolean userUrls) {
        List<String> given = Stream.of(FAULT_RATE, FAULT_SEED, FAULTS)
                .filter(workload::given)
                .map(Param::name)
                .toList();
        if (variant.id().equals(NO_FAULTS.id())) {
            if (!given.isEmpty()) {
                throw new UsageException("-P " + given.getFirst() + " applies only to the fault variants "
                        + FAULTS_COLLECT.id() + " and "
                        + FAULTS_FAIL_FAST.id() + ": choose one (run: --variant " + FAULTS_COLLECT.id()
                        + "; compare: --variants "
                        + FAULTS_COLLECT.id() + "," + FAULTS_FAIL_FAST.id() + ")");
            }
            return FaultPlan.NONE;
        }
        if (userUrls) {
            throw new UsageException(
                    "variant " + variant.id() + " injects faults in the embedded server, so it cannot fetch -P "
                            + URLS.name() + "; drop -P " + URLS.name() + " or use the default variant");
        }
        // a -P faults given empty is parsed, and refused, rather than read as "every kind"
        return FaultPlan.of(
                workload.intValue(FAULT_RATE),
                workload.longValue(FAULT_SEED),
                workload.given(FAULTS) ? workload.text(FAULTS) : FaultPlan.ALL_KINDS);
    }

    /**
     * The URLs of {@code -P urls}, or none when it was not given; given with none in it ({@code -P urls=})
     * is a usage error, not the embedded server.
     */
    private static List<URI> userUrls(Workload workload) {
        List<URI> urls = parseUrls(workload.text(URLS));
        if (urls.isEmpty() && workload.given(URLS)) {
            throw new UsageException("urls: give at least one http or https URL (-P " + URLS.name()
                    + "=URL,URL...), or leave -P " + URLS.name() + " out to fetch from the embedded server");
        }
        return urls;
    }

    /** The user's URLs, each an absolute http or https URL. */
    static List<URI> parseUrls(String text) {
        List<URI> uris = new ArrayList<>();
        for (String part : URLS.items(text)) {
            try {
                URI uri = new URI(part);
                if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                        || uri.getHost() == null) {
                    throw new UsageException("urls: '" + part + "' is not an http or https URL with a host");
                }
                if (uri.getPort() > 65_535) { // URI takes any number; the HTTP client refuses it only mid-run
                    throw new UsageException("urls: '" + part + "' has port " + uri.getPort()
                            + ", beyond 65535, the highest a TCP port can be");
                }
                uris.add(uri);
            } catch (URISyntaxException e) {
                throw new UsageException("urls: '" + part + "' is not a URL: " + e.getReason());
            }
        }
        return uris;
    }
}
