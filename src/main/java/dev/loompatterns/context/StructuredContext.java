package dev.loompatterns.context;

import dev.loompatterns.core.RunGate;
import dev.loompatterns.core.Threads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;

/**
 * A fork per request; each binds its context with {@code ScopedValue.where(...).call(...)} and
 * forks its subtasks in a nested scope, whose threads see the binding without any copying
 * (JEP 506: a scope's forks inherit the scoped values bound when the scope was opened). Nothing
 * is set, so nothing needs removing: the binding ends when {@code call} returns, and outside it
 * the value is unbound. Subtask 0 of each request also rebinds the value ("acting as auditor")
 * for a nested scope of its own, whose fork sees the new value.
 *
 * <p>The wrong ways show the limits: a plain thread started inside the binding does not inherit
 * it ({@link Way#UNCOPIED}); an {@link InheritableThreadLocal} set by the handler reaches the
 * forks, which are new threads, so it is never stale here ({@link Way#INHERITABLE}). For a cached
 * expensive object, the immutable table is bound once per request and shared by its forks
 * ({@link Way#PER_THREAD_CACHE}) instead of built per thread.
 *
 * <p>Scopes are named for thread dumps: {@code context}, {@code context/request-N} and
 * {@code context/request-N/auditor}.
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505); this class uses
 * {@code open(Joiner, Function)} with {@code withName}, {@code fork}, {@code join} and
 * {@code Subtask.get}. In JDK 26 (JEP 525) the function becomes a {@code UnaryOperator}, which
 * the lambdas here already are; nothing this class calls is renamed. {@code ScopedValue}
 * is final in JDK 25 (JEP 506).
 */
public final class StructuredContext implements Form {

    /** The top scope's name in a thread dump. */
    static final String SCOPE_NAME = "context";

    /** The user subtask 0 acts as, in its rebinding. */
    static final String AUDITOR = "auditor";

    /** The per-request table, for {@link Way#PER_THREAD_CACHE}. */
    static final ScopedValue<byte[]> TABLE = ScopedValue.newInstance();

    @Override
    public List<Outcome> handleAll(
            List<RequestContext> requests, int fanOut, Way way, LookupTable library, int poolSize)
            throws InterruptedException {
        try (var scope = StructuredTaskScope.open(
                Joiner.<List<Outcome>>awaitAllSuccessfulOrThrow(), config -> config.withName(SCOPE_NAME))) {
            List<Subtask<List<Outcome>>> handled = new ArrayList<>(requests.size());
            for (int r = 0; r < requests.size(); r++) {
                Threads.stopStartingIfInterrupted(r); // close() cancels those forked
                int request = r;
                RequestContext context = requests.get(r);
                ScopedValue.Carrier binding = way == Way.PER_THREAD_CACHE
                        ? ScopedValue.where(Contexts.SCOPED, context).where(TABLE, library.build())
                        : ScopedValue.where(Contexts.SCOPED, context);
                handled.add(scope.fork(() ->
                        binding.call(() -> handle(request, context, fanOut, way, SCOPE_NAME + "/request-" + request))));
            }
            scope.join();
            return handled.stream().flatMap(h -> h.get().stream()).toList();
        }
    }

    private List<Outcome> handle(int request, RequestContext context, int fanOut, Way way, String name)
            throws InterruptedException {
        return switch (way) {
            case UNCOPIED -> inPlainThreads(request, context, fanOut);
            case INHERITABLE -> {
                Contexts.INHERITED.set(context);
                try {
                    yield inForks(name, request, context, fanOut, Contexts.INHERITED::get, false);
                } finally {
                    Contexts.INHERITED.remove();
                }
            }
            case PROPAGATED -> inForks(name, request, context, fanOut, Contexts.SCOPED::get, true);
            case MDC_LOST, MDC_COPIED -> {
                org.slf4j.MDC.put(RequestLog.KEY, context.requestId());
                // forks do not inherit a ThreadLocal, and the binding cannot reach a library that reads one:
                // the right way copies the MDC into each fork by hand
                Callable<RequestContext> copied = RequestLog.copyMdcInto(left -> RequestLog.logAndSee(context));
                try {
                    yield inForks(
                            name,
                            request,
                            context,
                            fanOut,
                            way == Way.MDC_LOST ? () -> RequestLog.logAndSee(context) : copied,
                            false);
                } finally {
                    org.slf4j.MDC.remove(RequestLog.KEY);
                }
            }
            case PER_THREAD_CACHE ->
                inForks(
                        name,
                        request,
                        context,
                        fanOut,
                        () -> {
                            TABLE.get(); // the request's table, shared by its forks: built once per request, not per
                            // thread
                            return Contexts.SCOPED.get();
                        },
                        false);
        };
    }

    /**
     * A fork per subtask in a nested scope; with {@code rebindFirst}, subtask 0 rebinds the
     * context to act as the auditor and does its reading in a scope nested inside that binding.
     */
    private static List<Outcome> inForks(
            String name,
            int request,
            RequestContext context,
            int fanOut,
            Callable<RequestContext> reader,
            boolean rebindFirst)
            throws InterruptedException {
        try (var scope = StructuredTaskScope.open(
                Joiner.<Outcome>awaitAllSuccessfulOrThrow(), config -> config.withName(name))) {
            List<Subtask<Outcome>> subtasks = new ArrayList<>(fanOut);
            for (int s = 0; s < fanOut; s++) {
                int subtask = s;
                if (rebindFirst && subtask == 0) {
                    RequestContext auditor = context.actingAs(AUDITOR);
                    subtasks.add(scope.fork(() -> ScopedValue.where(Contexts.SCOPED, auditor)
                            .call(() -> inNestedScope(name + "/" + AUDITOR, request, subtask, auditor, reader))));
                } else {
                    subtasks.add(scope.fork(() -> observe(request, subtask, context, reader)));
                }
            }
            scope.join();
            return subtasks.stream().map(Subtask::get).toList();
        }
    }

    private static Outcome inNestedScope(
            String name, int request, int subtask, RequestContext want, Callable<RequestContext> reader)
            throws InterruptedException {
        try (var nested = StructuredTaskScope.open(
                Joiner.<Outcome>awaitAllSuccessfulOrThrow(), config -> config.withName(name))) {
            Subtask<Outcome> outcome = nested.fork(() -> observe(request, subtask, want, reader));
            nested.join();
            return outcome.get();
        }
    }

    private static Outcome observe(int request, int subtask, RequestContext want, Callable<RequestContext> reader)
            throws Exception {
        RunGate.arrive(); // lets `loom dump` hold the run here; a no-op otherwise
        return new Outcome(request, subtask, want, reader.call(), null);
    }

    /** Plain threads started inside the binding: they do not inherit it. */
    private static List<Outcome> inPlainThreads(int request, RequestContext context, int fanOut)
            throws InterruptedException {
        Outcome[] outcomes = new Outcome[fanOut];
        List<Thread> threads = new ArrayList<>(fanOut);
        for (int s = 0; s < fanOut; s++) {
            int subtask = s;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    RunGate.arrive(); // lets `loom dump` hold the run here; a no-op otherwise
                } catch (InterruptedException e) {
                    return; // cancelled (interrupted by the joiner) while held: no outcome, and the thread ends
                }
                outcomes[subtask] = new Outcome(
                        request, subtask, context, Contexts.SCOPED.isBound() ? Contexts.SCOPED.get() : null, null);
            }));
        }
        Threads.joinAll(threads); // join() makes each outcomes[s] visible here
        return Arrays.asList(outcomes);
    }
}
