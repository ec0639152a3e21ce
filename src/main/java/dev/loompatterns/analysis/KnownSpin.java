package dev.loompatterns.analysis;

import java.util.Collection;
import java.util.List;

/**
 * Loops in libraries that keep a virtual thread on its carrier without waiting, found with {@code loom inspect} on
 * programs run here, and told by the frame where {@code carrier-hogging} sampled a thread most ({@code top_frame}):
 * the rule then says which library spins there, in which versions, and what was seen to stop it. A recording does not
 * say a library's version, so each says "if".
 *
 * <p>Each was recorded on JDK 25.0.3 on the project's 2-core machine (2026-12-05; docs/inspect.md, "A library that
 * spins"), and read in the library's sources (Reactor's in its bytecode: its sources jar was not served here).
 *
 * @param id      what the JSON's {@code known_spins} says: {@code agroal-growing-pool}
 * @param methods the methods, {@code Class.method}, where a thread spinning in this loop is sampled most
 * @param advice  which library spins there, in which versions, and what was seen to stop it, for a finding or a dump's
 *                note
 */
public record KnownSpin(String id, List<String> methods, String advice) {

    /**
     * Agroal 3.2.1's {@code handlerFromSharedCache}: below {@code max-size}, a thread that finds every permit to make
     * a connection taken loops back to its scan at once (agroal#214). 100 virtual threads sharing a pool of 2 whose
     * connections take 2 s to make: a WARNING in 10 runs of 10, 2 or 3 threads on their carriers for 2.0 to 4.0 s;
     * none with Agroal 3.0.1 or 2.6.
     */
    static final KnownSpin AGROAL_GROWING = new KnownSpin(
            "agroal-growing-pool",
            List.of("io.agroal.pool.ConnectionPool.handlerFromSharedCache"),
            "If this is Agroal 3.2.1 (the newest on 2026-12-05): while the pool is below max-size and every permit to"
                + " make a connection is taken by one being made, a thread that wants one loops in"
                + " handlerFromSharedCache without waiting, for as long as the database takes to give a connection"
                + " (agroal#214; agroal#215 proposes the fix). loom's runs of Agroal 3.0.1 and 2.6 showed no such loop"
                + " (docs/inspect.md).");

    /**
     * Apache Commons Pool 2.13.0 and 2.13.1's {@code GenericObjectPool.create}, with {@code borrowObject}'s
     * {@code maxWait} at its default (-1): it loops, taking and leaving its lock, while another thread makes an object.
     * Lettuce 7.7.0's blocking pool, 200 virtual threads, 2 connections: an INFO every time, 3 to 9 threads, the
     * longest 182 to 487 ms; with a {@code maxWait} of 60 s, or Commons Pool 2.12.0, none there.
     */
    static final KnownSpin COMMONS_POOL_CREATE = new KnownSpin(
            "commons-pool-create",
            List.of(
                    "org.apache.commons.pool2.impl.GenericObjectPool.create",
                    "org.apache.commons.pool2.impl.BaseGenericObjectPool.durationSince"),
            "If this is Apache Commons Pool 2.13.0 or 2.13.1 (under JedisPool, Lettuce's blocking pool and DBCP): with"
                    + " borrowObject's maxWait left at its default (-1, for ever), GenericObjectPool.create loops,"
                    + " taking and leaving its lock, while another thread makes an object. Give the pool a maxWait"
                    + " (GenericObjectPoolConfig.setMaxWait), or use Commons Pool 2.12.0, which waits there.");

    /**
     * Reactor's {@code Sinks}: {@code emitNext} retried by an {@code EmitFailureHandler} that returns {@code true}
     * without waiting, as {@code busyLooping} does, while another thread is emitting (reactor-core#4247). 4 virtual
     * threads emitting 3 values each into one multicast sink whose subscriber sleeps 1 ms, with
     * {@code busyLooping(2 s)}: a WARNING in 20 runs of 20 (reactor-core 3.9.0 and 3.8.9), 6 to 8 of the 12 values
     * lost, 6.1 to 10.1 s a run; with a handler that parks 100 µs between tries, an OK in 10 of 10, none lost, in 0.07
     * to 0.36 s. Every hog's {@code top_frame} was {@code emitNext}; {@code emitComplete} and {@code emitError} loop the
     * same way, and {@code onEmitFailure} is {@code busyLooping}'s own method (read in 3.9.0's bytecode).
     */
    static final KnownSpin REACTOR_BUSY_LOOPING = new KnownSpin(
            "reactor-busy-looping",
            List.of(
                    "reactor.core.publisher.InternalManySink.emitNext",
                    "reactor.core.publisher.InternalManySink.emitComplete",
                    "reactor.core.publisher.InternalManySink.emitError",
                    "reactor.core.publisher.Sinks$OptimisticEmitFailureHandler.onEmitFailure"),
            "If this is Reactor's Sinks (reactor-core 3.9.0, the newest on 2026-12-05, and 3.8.9 read the same):"
                    + " emitNext retried by an EmitFailureHandler that returns true without waiting, as busyLooping"
                    + " does, loops on its carrier while another thread emits. When that thread has left its carrier"
                    + " (it blocked in a subscriber's onNext), it may need one of the carriers these loops hold, and"
                    + " every such emit then waits out its handler's whole duration and fails (reactor-core#4247)."
                    + " Park between tries in your handler (LockSupport.parkNanos), or emit from one thread; a"
                    + " Thread.yield() there, as reactor-core#4322 proposes, did not end the wait here on JDK 25"
                    + " (docs/inspect.md).");

    /** Every loop known, in the order a finding names them. */
    static final List<KnownSpin> ALL = List.of(AGROAL_GROWING, COMMONS_POOL_CREATE, REACTOR_BUSY_LOOPING);

    public KnownSpin {
        methods = List.copyOf(methods);
    }

    /** Whether {@code frame} ({@code Class.method:line}, or without the line) is in one of this loop's methods. */
    boolean isAt(String frame) {
        return methods.stream().anyMatch(method -> frame.equals(method) || frame.startsWith(method + ":"));
    }

    /** The known spins at any of these frames, in {@link #ALL}'s order. */
    public static List<KnownSpin> at(Collection<String> frames) {
        return ALL.stream().filter(spin -> frames.stream().anyMatch(spin::isAt)).toList();
    }
}
