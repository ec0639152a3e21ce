package dev.loompatterns.urlfetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * An HTTP server on 127.0.0.1 (ephemeral port, never another address) that answers
 * {@code GET /item/N} with the body {@code item-N} after a set latency.
 *
 * <p>The server must not be what a run measures. Two choices keep it out of the way:
 * <ul>
 *   <li>The latency is served without holding a thread per request: the handler schedules the
 *       answer and returns.</li>
 *   <li>Requests are parsed, handled and answered on a small pool of platform threads (one per
 *       core), not on the server's single dispatcher thread. {@code HttpServer} with no executor
 *       runs every exchange on its dispatcher, which then also accepts and selects: a profile of
 *       5,000 requests at 50 ms showed that thread as the busiest in the JVM (98 of 326 samples),
 *       and moving exchanges off it took the virtual mode from 1.5x to 1.9x the pool of 100
 *       (docs/results.md).</li>
 * </ul>
 * So the server adds its dispatcher and one platform thread per core, and no virtual threads,
 * whatever the load: the run's virtual-thread count is the client's.
 *
 * <p>Faults: started with a {@link FaultPlan}, the server answers the items the plan names
 * wrongly instead (no answer, 500, a stall, or a connection cut mid-answer). A stalled exchange
 * holds no thread, only its connection, until the client gives up or the server closes; close()
 * closes every exchange still held.
 */
public final class LatencyServer implements AutoCloseable {

    /** The JDK server's limit on idle keep-alive connections, read once per JVM, at its first server. */
    static final String MAX_IDLE_CONNECTIONS = "sun.net.httpserver.maxIdleConnections";

    static {
        // Past the limit (200 by default) the JDK's server closes a connection just after answering on
        // it (JDK 25: sun.net.httpserver.ServerImpl.markIdle), which races the client's reuse of that
        // connection: a request sent on it fails with "HTTP/1.1 header parser received no bytes", an
        // error no fault planned. Seen once at 5,000 virtual tasks beside a busy core (a .ci/run on
        // 2026-12-01). As many idle connections as a run can have requests: the client's own limit is
        // the only one. Set before the JVM's first server (this is the only one in src/main), unless the
        // user set it.
        if (System.getProperty(MAX_IDLE_CONNECTIONS) == null) {
            System.setProperty(MAX_IDLE_CONNECTIONS, Integer.toString(UrlFetchPattern.MAX_REQUESTS));
        }
    }

    private final HttpServer server;
    /** Parses and handles exchanges, and sends each answer when its latency is up. */
    private final ScheduledExecutorService workers;

    private final LongAdder served = new LongAdder();
    private final FaultPlan faults;
    /** Stalled exchanges, never answered: closed by {@link #close()}. */
    private final Set<HttpExchange> held = ConcurrentHashMap.newKeySet();

    private LatencyServer(HttpServer server, ScheduledExecutorService workers, FaultPlan faults) {
        this.server = server;
        this.workers = workers;
        this.faults = faults;
    }

    /** Starts a server on 127.0.0.1 with an ephemeral port. */
    public static LatencyServer start(Duration latency) throws IOException {
        return start(latency, FaultPlan.NONE);
    }

    /** Starts a server on 127.0.0.1 with an ephemeral port that answers the items {@code faults} names wrongly. */
    public static LatencyServer start(Duration latency, FaultPlan faults) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(
                Runtime.getRuntime().availableProcessors(),
                Thread.ofPlatform().name("latency-server-", 0).daemon().factory());
        server.setExecutor(workers);
        LatencyServer latencyServer = new LatencyServer(server, workers, faults);
        server.createContext("/item/", exchange -> latencyServer.answerLater(exchange, latency));
        server.start();
        return latencyServer;
    }

    private void answerLater(HttpExchange exchange, Duration latency) {
        if (latency.isZero()) {
            answer(exchange);
        } else {
            workers.schedule(() -> answer(exchange), latency.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void answer(HttpExchange exchange) {
        FaultPlan.Kind fault =
                faults.faultFor(itemIndex(exchange.getRequestURI().getPath()));
        if (fault != null) {
            injure(exchange, fault);
            return;
        }
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = expectedBody(path).getBytes(StandardCharsets.UTF_8);
            // Counted before the answer leaves: once the client has the body it may read served(),
            // and, counted after, this thread could not yet have counted it.
            served.increment();
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // the client went away: nothing to answer, and the exchange is closed
        }
    }

    private void injure(HttpExchange exchange, FaultPlan.Kind fault) {
        if (fault == FaultPlan.Kind.STALL) {
            held.add(exchange); // never answered: the client's timeout, or close(), ends it
            return;
        }
        try (exchange) {
            switch (fault) {
                case FAIL -> {} // closing an exchange that sent no headers closes its connection
                case STATUS_500 -> exchange.sendResponseHeaders(500, -1);
                case RESET -> {
                    // Promises a body, sends half of it: closing short makes the server drop the connection.
                    byte[] body = "injected reset".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body, 0, body.length / 2);
                    exchange.getResponseBody().flush();
                }
                case STALL -> throw new AssertionError("held above");
            }
        } catch (IOException e) {
            // the connection is gone, which is what the fault wanted
        }
    }

    /** The item number in a path, {@code /item/7} gives 7, or -1 if there is none. */
    static int itemIndex(String path) {
        try {
            return Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The body the server sends for a path: {@code /item/7} gives {@code item-7}. */
    static String expectedBody(String path) {
        return path.substring(path.lastIndexOf('/') + 1).transform(n -> "item-" + n);
    }

    /** The URIs of {@code count} distinct items on this server. */
    public List<URI> items(int count) {
        int port = server.getAddress().getPort();
        return IntStream.range(0, count)
                .mapToObj(i -> URI.create("http://127.0.0.1:" + port + "/item/" + i))
                .toList();
    }

    /** Requests answered normally (200 with the item's body); faulted requests are not counted. */
    public long served() {
        return served.sum();
    }

    /** Stalled exchanges the server holds, unanswered, until the client gives up or the server closes. */
    int stalled() {
        return held.size();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // After the workers: no handler can add a stalled exchange any more.
        held.forEach(HttpExchange::close);
        held.clear();
    }
}
