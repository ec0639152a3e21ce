package dev.loompatterns.context;

import dev.loompatterns.core.AbstractPattern;
import dev.loompatterns.core.ByMode;
import dev.loompatterns.core.Check;
import dev.loompatterns.core.Limits;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.PatternInfo;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/** Catalogue entry for {@code context}; see the package documentation. */
public final class ContextPattern extends AbstractPattern {

    static final Param FAN_OUT = Param.ofInt("fan-out", "subtasks per request", 4, 1, 1_000);
    static final Param POOL_SIZE = Param.ofInt(
            "pool-size",
            "platform mode: the size of each of the two pools (handlers, workers)",
            4,
            1,
            Limits.MAX_PLATFORM_THREADS);
    static final Param TABLE_KIB =
            Param.ofInt("table-kib", "per-thread-cache: the size of the library's cached table", 16, 1, 1_024);

    /** Tasks are requests; the platform form pools its threads. */
    static final PatternInfo INFO = PatternInfo.fromCatalogue("context")
            .params(FAN_OUT, POOL_SIZE, TABLE_KIB)
            .maxTasks(1_000_000)
            .build();

    /**
     * Platform: two fixed pools, handlers and workers, with the context in a {@link ThreadLocal} copied by
     * hand into each subtask; virtual: a virtual thread per request and per subtask, copied the same way;
     * structured: a fork per request that binds a {@link ScopedValue}, its subtasks forks of a nested scope
     * that see the binding without copying.
     */
    static final ByMode<Form> FORMS = new ByMode<>(PlatformContext::new, VirtualContext::new, StructuredContext::new);

    /**
     * Handles {@code tasks} requests, each fanned out to {@code fan-out} subtasks, in the mode's form and the
     * variant's way, and checks what every subtask saw: its own context and nothing left over, for the right
     * ways; for a wrong way, whether its flaw (a lost or stale context, a table built per thread) showed this
     * time; in every way, nothing left on the calling thread.
     */
    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        Way way = variant.as(Way.class);
        // part of the set-up a service does at its start, not of the hand-off; every way, since every
        // way's handler clears the MDC on its way out, on many threads at once
        RequestLog.ready();
        List<RequestContext> requests = requests(workload.tasks());
        LookupTable library = new LookupTable(workload.intValue(TABLE_KIB) * 1024);
        int fanOut = workload.intValue(FAN_OUT);
        List<Outcome> outcomes = FORMS.of(mode).handleAll(requests, fanOut, way, library, workload.intValue(POOL_SIZE));
        return check(way, requests, fanOut, outcomes, Contexts.nothingLeftHere(), library);
    }

    static List<RequestContext> requests(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new RequestContext("req-" + i, "user-" + (i % 7)))
                .toList();
    }

    /**
     * One outcome per subtask, for the right request; for the right ways, every subtask saw its
     * context and no thread carried a value over from an earlier task; in every way, nothing is
     * left on the calling thread. The wrong ways are shown only when their flaw was observed in
     * this run, and not shown otherwise, with why:
     * <ul>
     *   <li>{@code uncopied}: the flaw is a lost context, observed when a subtask saw none.
     *   <li>{@code inheritable}: the flaw is a stale context, observed when a subtask saw another
     *       request's: its reused pool thread inherited once, when it was created. A new thread per
     *       task (virtual, forked) always inherits the current value, so there it is not shown.
     *   <li>{@code per-thread-cache}: the flaw is a cache that does not cache, observed when the
     *       per-thread cache built a table for every subtask, so none was used twice (a thread per
     *       task). A pool's threads reuse theirs, and the structured form shares one per request
     *       with no per-thread cache at all: not shown. A subtask that saw the wrong context fails.
     * </ul>
     */
    static Check check(
            Way way,
            List<RequestContext> requests,
            int fanOut,
            List<Outcome> outcomes,
            boolean nothingLeft,
            LookupTable library) {
        int expected = requests.size() * fanOut;
        if (outcomes.size() != expected) {
            return Check.failed(outcomes.size() + " outcomes for " + expected + " subtasks");
        }
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            if (outcome == null) {
                return Check.failed("subtask " + i % fanOut + " of request " + i / fanOut + " did not report");
            }
            if (outcome.request() != i / fanOut
                    || outcome.subtask() != i % fanOut
                    || !outcome.expected()
                            .requestId()
                            .equals(requests.get(outcome.request()).requestId())) {
                return Check.failed("outcome " + i + " is " + outcome + ", out of place");
            }
        }
        if (!nothingLeft) {
            return Check.failed("a request's context is still visible on the calling thread after the run");
        }
        long wrong = outcomes.stream().filter(o -> !o.right()).count();
        long lost = outcomes.stream().filter(Outcome::lost).count();
        long stale = outcomes.stream().filter(Outcome::stale).count();
        // every wrong outcome is one of the three: what the failures print adds up to `wrong`
        String kinds = "(" + lost + " none, " + stale + " another request's, "
                + outcomes.stream().filter(Outcome::otherUser).count() + " another user's)";
        long leftovers = outcomes.stream().filter(o -> o.leftover() != null).count();
        return switch (way) {
            case MDC_COPIED ->
                wrong == 0 && leftovers == 0
                        ? Check.passed(expected + " log lines of " + requests.size()
                                + " requests each carried their own request id in the MDC; "
                                + "none leaked into another")
                        : Check.failed(wrong + " of " + expected + " log lines carried the wrong context " + kinds
                                + "; " + leftovers + " found an id left by an earlier task");
            case MDC_LOST ->
                lost > 0 || stale > 0
                        ? Check.demonstrated(lost + " of " + expected + " log lines carried no request id"
                                + (stale > 0 ? ", " + stale + " another request's" : "")
                                + ": the MDC is a ThreadLocal, and a ScopedValue cannot reach a library that reads one")
                        : Check.notShown("every log line of " + expected
                                + " carried its request id: each subtask ran where the MDC was set");
            case PROPAGATED ->
                wrong == 0 && leftovers == 0
                        ? Check.passed(expected + " subtasks of " + requests.size()
                                + " requests each saw their own context; nothing leaked")
                        : Check.failed(wrong + " of " + expected + " subtasks saw the wrong context " + kinds + "; "
                                + leftovers + " found a value left by an earlier task");
            case UNCOPIED ->
                lost > 0
                        ? Check.demonstrated("context lost in " + lost + " of " + expected + " subtasks"
                                + (lost == expected
                                        ? ": a thread-local or binding does not cross to another thread by itself"
                                        : ""))
                        : Check.notShown("no subtask of " + expected + " lost the context (" + stale
                                + " saw another request's): each ran where a context was set");
            case INHERITABLE ->
                stale > 0
                        ? Check.demonstrated(stale + " of " + expected + " subtasks saw another request's context, "
                                + lost + " none" + ": inherited once, when a pool thread was created")
                        : Check.notShown(
                                "no subtask of " + expected + " saw another request's context (" + lost + " saw none):"
                                        + " each thread inherited from its own request (a new thread per task, or no"
                                        + " pool thread served a later one)");
            case PER_THREAD_CACHE -> {
                if (wrong > 0) {
                    yield Check.failed(wrong + " of " + expected + " subtasks saw the wrong context " + kinds);
                }
                long perThread = library.builtForThreads();
                String cost = Check.count(library.built(), "table") + " of " + library.bytes() / 1024
                        + " KiB built ("
                        + mib(library.built() * library.bytes()) + " MiB) for " + Check.count(expected, "subtask");
                if (expected == 1) { // as lock-counter with one worker: nothing could be used twice, on any thread
                    yield Check.notShown(cost + ": one subtask, so no thread could run a second one and use its"
                            + " table again; --tasks 2 or -P fan-out=2 show it");
                }
                yield perThread == expected
                        ? Check.demonstrated(
                                cost + ": one per thread, and each thread ran one subtask, so no table was used twice")
                        : Check.notShown(cost
                                + (perThread == 0
                                        ? ": none by the per-thread cache, the subtasks shared a table bound"
                                                + " per request"
                                        : ": " + perThread
                                                + " by the per-thread cache, each reused by a thread that ran"
                                                + " several subtasks"));
            }
        };
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}
