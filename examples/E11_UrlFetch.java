/*
 * E11 url-fetch: fetch many URLs and keep the results in input order.
 *
 * The tutorial maps a fetch function over URLs with ThreadPoolExecutor(max_workers=N). Here an
 * embedded server on 127.0.0.1 answers each of 1,000 requests after 50 ms, and the same fetch runs
 * on a fixed pool of 50 platform threads, on a virtual thread per request, and as a fork per
 * request in a StructuredTaskScope.
 *
 * You are expected to see: the pool needs about 1000 / 50 x 50 ms = 1 s at the least, because its
 * size caps how many requests wait at once; the virtual and structured forms overlap every wait and
 * finish in a fraction of the pool's time (on 2 cores the client's own CPU work, not the latency, is
 * then the limit: under a second quiet, about 1 s on a loaded machine). All three return every body in input order.
 *
 * It needs about 2,300 open files at once: a socket at each end of each of the 1,000 requests (the
 * server runs in this JVM), and some for the JDK. Where the process may open fewer (ulimit -n: 1,024
 * on many Linux desktops) it says so in one line and exits 2 before it starts. A virtual thread per
 * request takes away the pool's size, not the limits of what each request holds: E20 caps what is
 * in flight with a Semaphore.
 *
 * API status: StructuredTaskScope is a preview API in JDK 25 (JEP 505).
 */
import com.sun.management.UnixOperatingSystemMXBean;
import com.sun.net.httpserver.HttpServer;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Subtask;
import java.util.concurrent.TimeUnit;

public class E11_UrlFetch {

    static final int REQUESTS = 1_000;
    static final int POOL_SIZE = 50;
    static final long LATENCY_MS = 50;

    static HttpClient client;

    /** How long a request may take before it fails: a blocking call always gets a bound. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The tutorial's fetch: a blocking GET. On a virtual thread, send() parks and frees the carrier. */
    static String fetch(URI uri) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    static List<String> pool(List<URI> uris) throws Exception {
        List<Callable<String>> calls = new ArrayList<>();
        uris.forEach(uri -> calls.add(() -> fetch(uri)));
        // BEFORE: ThreadPoolExecutor(max_workers=50).map(fetch, urls)
        try (ExecutorService pool = Executors.newFixedThreadPool(POOL_SIZE)) {
            List<String> bodies = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                bodies.add(f.get());
            }
            return bodies;
        }
    }

    static List<String> virtual(List<URI> uris) throws Exception {
        List<Callable<String>> calls = new ArrayList<>();
        uris.forEach(uri -> calls.add(() -> fetch(uri)));
        // AFTER: a virtual thread per request; no pool size to tune
        try (ExecutorService perTask = Executors.newVirtualThreadPerTaskExecutor()) {
            List<String> bodies = new ArrayList<>();
            for (Future<String> f : perTask.invokeAll(calls)) {
                bodies.add(f.get());
            }
            return bodies;
        }
    }

    static List<String> structured(List<URI> uris) throws Exception {
        // AFTER, structured: a fork per request; results read in input order after join()
        try (var scope = StructuredTaskScope.open()) {
            List<Subtask<String>> fetches = new ArrayList<>();
            uris.forEach(uri -> fetches.add(scope.fork(() -> fetch(uri))));
            scope.join();
            return fetches.stream().map(Subtask::get).toList();
        }
    }

    interface Form {
        List<String> run(List<URI> uris) throws Exception;
    }

    static boolean time(String name, Form form, List<URI> uris) throws Exception {
        // A new client per run, so no run reuses the open connections of the run before it.
        // Redirects followed, as urllib's urlopen does (and the harness's client).
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        List<String> bodies;
        long millis;
        try (HttpClient closedAfterTheClock = client) {
            long start = System.nanoTime();
            bodies = form.run(uris);
            millis = (System.nanoTime() - start) / 1_000_000;
        }
        boolean inOrder = bodies.size() == uris.size();
        for (int i = 0; inOrder && i < bodies.size(); i++) {
            inOrder = bodies.get(i).equals("item-" + i);
        }
        System.out.printf(
                "%-10s %d bodies in %5d ms  %s%n",
                name, bodies.size(), millis, inOrder ? "in input order" : "WRONG ORDER");
        return inOrder;
    }

    static int rounds(String[] args) {
        if (args.length == 0) {
            return 1;
        }
        if (!args[0].matches("[1-9][0-9]{0,2}")) {
            System.err.println("E11: ROUNDS must be a whole number from 1 to 999, not '" + args[0] + "'");
            System.exit(2);
        }
        return Integer.parseInt(args[0]);
    }

    /**
     * Exits 2, saying why, if this process may not open the files every request at once needs: a socket at each
     * end, the server's and the client's, and some to spare for the JDK (jars, the client's selector). Before, the
     * structured form failed part way with "Too many open files" under ulimit -n 1024.
     */
    static void requireOpenFiles() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            long needed = 2L * REQUESTS + 256;
            long free = unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount();
            if (needed > free) {
                System.err.printf(
                        "E11: %,d requests at once need about %,d open files (a socket at each end: the server runs"
                                + " in this JVM), and this process may open %,d more (ulimit -n %d): raise it, for"
                                + " example ulimit -n 4096%n",
                        REQUESTS, needed, free, unix.getMaxFileDescriptorCount());
                System.exit(2);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = rounds(args); // 1, or how often to run each form (the harness's --repeat, for comparing)
        requireOpenFiles();
        // The server answers /item/N with "item-N" after LATENCY_MS, scheduling the answer instead of
        // sleeping on a thread, so its own threads stay few whatever the load. It handles requests on
        // that same small pool, not on its one dispatcher thread (which would serialize them). Loopback only.
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        ScheduledExecutorService timer =
                Executors.newScheduledThreadPool(Runtime.getRuntime().availableProcessors());
        server.setExecutor(timer);
        server.createContext(
                "/item/",
                exchange -> timer.schedule(
                        () -> {
                            try (exchange) {
                                String path = exchange.getRequestURI().getPath();
                                byte[] body = ("item-" + path.substring(path.lastIndexOf('/') + 1))
                                        .getBytes(StandardCharsets.UTF_8);
                                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                                exchange.sendResponseHeaders(200, body.length);
                                exchange.getResponseBody().write(body);
                            } catch (Exception e) {
                                // the client went away
                            }
                        },
                        LATENCY_MS,
                        TimeUnit.MILLISECONDS));
        server.start();
        try {
            List<URI> uris = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                uris.add(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/item/" + i));
            }
            boolean ok = true;
            for (int i = 0; i < rounds; i++) {
                ok &= time("pool(" + POOL_SIZE + ")", E11_UrlFetch::pool, uris);
            }
            for (int i = 0; i < rounds; i++) {
                ok &= time("virtual", E11_UrlFetch::virtual, uris);
            }
            for (int i = 0; i < rounds; i++) {
                ok &= time("structured", E11_UrlFetch::structured, uris);
            }
            if (!ok) { // thrown, not System.exit(1): `loom fidelity` calls main in its own JVM, run after run
                throw new IllegalStateException("a form did not pass its check: the line above that says so");
            }
        } finally {
            server.stop(0);
            timer.shutdownNow();
        }
    }
}

/*
 * How to run this (from the project root, with a JDK 25):
 *
 *   java --enable-preview examples/E11_UrlFetch.java
 *   java --enable-preview examples/E11_UrlFetch.java 5     # each form 5 times in a row
 *
 * With a JFR recording (virtual thread starts and ends, socket I/O over 1 ms):
 *
 *   java --enable-preview -XX:StartFlightRecording:filename=e11.jfr,settings=jfr-profiles/virtual-threads.jfc examples/E11_UrlFetch.java
 *   jfr summary e11.jfr
 *
 * The same pattern inside the harness, with its self-check: ./loom run url-fetch -P latency-ms=50 --tasks 1000
 */
