package dev.loompatterns.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.testing.InterruptAfterStarts;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.MDC;

/**
 * A request's context reaches every subtask done the right way, and each wrong way fails as
 * described.
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505); {@code ScopedValue}
 * is final (JEP 506).
 */
class ContextTest {

    static final List<RequestContext> REQUESTS = ContextPattern.requests(30);
    static final int FAN_OUT = 3;
    static final int POOL_SIZE = 2;

    /** Two requests, for the tests that hand the check outcomes of their own. */
    private static final List<RequestContext> TWO = ContextPattern.requests(2);

    private static final RequestContext A = TWO.get(0);
    private static final RequestContext B = TWO.get(1);

    /** Each of {@link #TWO}'s subtasks saw its own request's context, and nothing left by an earlier task. */
    private static final List<Outcome> SEEN_RIGHT =
            List.of(new Outcome(0, 0, A, A, null), new Outcome(1, 0, B, B, null));

    /** Neither of {@link #TWO}'s subtasks saw a context. */
    private static final List<Outcome> SEEN_NONE =
            List.of(new Outcome(0, 0, A, null, null), new Outcome(1, 0, B, null, null));

    private static List<Outcome> run(Mode mode, Way way, LookupTable library) throws Exception {
        return ContextPattern.FORMS.of(mode).handleAll(REQUESTS, FAN_OUT, way, library, POOL_SIZE);
    }

    /** The check of {@link #TWO}'s outcomes, with nothing left here and {@code library} as the tables. */
    private static Check check(Way way, List<Outcome> outcomes, LookupTable library) {
        return ContextPattern.check(way, TWO, 1, outcomes, true, library);
    }

    /** {@link #check(Way, List, LookupTable)} with a table no subtask built. */
    private static Check check(Way way, List<Outcome> outcomes) {
        return check(way, outcomes, new LookupTable(16));
    }

    /**
     * Done the right way, every subtask sees its own request's context, no thread carries one over, and nothing is left
     * here.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void everySubtaskSeesItsOwnRequestsContext(Mode mode) throws Exception {
        List<Outcome> outcomes = run(mode, Way.PROPAGATED, new LookupTable(16));

        assertThat(outcomes)
                .hasSize(REQUESTS.size() * FAN_OUT)
                .allMatch(Outcome::right)
                .allMatch(s -> s.leftover() == null);
        assertThat(outcomes)
                .allMatch(s ->
                        s.seen().requestId().equals(REQUESTS.get(s.request()).requestId()));
        assertThat(Contexts.nothingLeftHere()).isTrue();
    }

    /** In the structured form, subtask 0 rebinds the user for a nested scope, and its fork sees the rebinding. */
    @Test
    void aNestedRebindingIsSeenInsideItOnly() throws Exception {
        List<Outcome> outcomes = run(Mode.STRUCTURED, Way.PROPAGATED, new LookupTable(16));

        assertThat(outcomes)
                .filteredOn(s -> s.subtask() == 0)
                .allMatch(s -> s.seen().user().equals(StructuredContext.AUDITOR));
        assertThat(outcomes)
                .filteredOn(s -> s.subtask() != 0)
                .allMatch(s -> s.seen().user().equals(REQUESTS.get(s.request()).user()));
    }

    /** A thread-local not copied across the hand-off, or a binding read from a plain thread, never arrives. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aContextNotCopiedIsLostInEveryMode(Mode mode) throws Exception {
        assertThat(run(mode, Way.UNCOPIED, new LookupTable(16)))
                .hasSize(REQUESTS.size() * FAN_OUT)
                .allMatch(Outcome::lost);
    }

    /**
     * An InheritableThreadLocal is copied when a thread is created: a pool's worker threads are
     * created by the first handlers and keep those requests' values, so later requests see stale
     * ones; a new thread per task always inherits the current value.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void anInheritableThreadLocalIsStaleOnlyInReusedThreads(Mode mode) throws Exception {
        List<Outcome> outcomes = run(mode, Way.INHERITABLE, new LookupTable(16));
        if (mode == Mode.PLATFORM) {
            // two worker threads serve 30 requests: at most 2 requests can be the ones they inherited from
            long requestsSeenRight = outcomes.stream()
                    .filter(Outcome::right)
                    .map(Outcome::request)
                    .distinct()
                    .count();
            assertThat(requestsSeenRight).isLessThanOrEqualTo(2);
            assertThat(outcomes).anyMatch(Outcome::stale);
        } else {
            assertThat(outcomes).allMatch(Outcome::right);
        }
        assertThat(Contexts.nothingLeftHere()).isTrue();
        assertThat(ContextPattern.check(Way.INHERITABLE, REQUESTS, FAN_OUT, outcomes, true, new LookupTable(16))
                        .verdict())
                .isEqualTo(mode == Mode.PLATFORM ? Check.Verdict.DEMONSTRATED : Check.Verdict.NOT_SHOWN);
    }

    /**
     * A per-thread cache builds one table per pool thread, one per virtual thread, and, bound by request, one per
     * request.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aPerThreadCacheBuildsOnePerThreadThatRunsATask(Mode mode) throws Exception {
        LookupTable library = new LookupTable(16);
        List<Outcome> outcomes = run(mode, Way.PER_THREAD_CACHE, library);

        assertThat(outcomes).allMatch(Outcome::right);
        switch (mode) {
            case PLATFORM -> assertThat(library.built()).isBetween(1L, 2L); // the worker pool's two threads
            case VIRTUAL -> assertThat(library.built()).isEqualTo((long) REQUESTS.size() * FAN_OUT);
            case STRUCTURED -> assertThat(library.built()).isEqualTo(REQUESTS.size());
        }
        assertThat(ContextPattern.check(Way.PER_THREAD_CACHE, REQUESTS, FAN_OUT, outcomes, true, library)
                        .verdict())
                .isEqualTo(mode == Mode.VIRTUAL ? Check.Verdict.DEMONSTRATED : Check.Verdict.NOT_SHOWN);
    }

    /** JEP 506: a plain thread started inside a binding does not see it; a fork of a scope opened inside it does. */
    @Test
    void aBindingReachesForksButNotPlainThreads() throws Exception {
        RequestContext context = new RequestContext("req-x", "ann");
        AtomicReference<Boolean> plainSawIt = new AtomicReference<>();
        RequestContext forkSaw = ScopedValue.where(Contexts.SCOPED, context).call(() -> {
            Thread plain = Thread.ofVirtual().start(() -> plainSawIt.set(Contexts.SCOPED.isBound()));
            plain.join();
            try (var scope = StructuredTaskScope.open()) {
                var fork = scope.fork(() -> Contexts.SCOPED.get());
                scope.join();
                return fork.get();
            }
        });
        assertThat(plainSawIt.get()).isFalse();
        assertThat(forkSaw).isEqualTo(context);
        assertThat(Contexts.SCOPED.isBound()).isFalse();
    }

    @Test
    void checkFailsOnAMissingWrongOrLeakedContext() {
        assertThat(check(Way.PROPAGATED, SEEN_RIGHT).verdict()).isEqualTo(Check.Verdict.PASSED);
        assertThat(ContextPattern.check(Way.PROPAGATED, TWO, 1, SEEN_RIGHT, false, new LookupTable(16))
                        .detail())
                .contains("still visible");

        List<Outcome> stale = List.of(new Outcome(0, 0, A, A, null), new Outcome(1, 0, B, A, null));
        assertThat(check(Way.PROPAGATED, stale).detail()).contains("1 another request's");
        List<Outcome> leaked = List.of(new Outcome(0, 0, A, A, null), new Outcome(1, 0, B, B, A));
        assertThat(check(Way.PROPAGATED, leaked).detail()).contains("left by an earlier task");
        List<Outcome> missing = new ArrayList<>(SEEN_RIGHT);
        missing.set(1, null);
        assertThat(check(Way.PROPAGATED, missing).detail()).contains("did not report");
    }

    /** One outcome per subtask, each in its place and for its request: anything else fails, in every way. */
    @ParameterizedTest
    @EnumSource(Way.class)
    void checkFailsOnOutcomesMissingExtraOrOutOfPlace(Way way) {
        Outcome a0 = new Outcome(0, 0, A, A, null);
        Outcome a1 = new Outcome(0, 1, A, A, null);
        Outcome b0 = new Outcome(1, 0, B, B, null);
        Outcome b1 = new Outcome(1, 1, B, B, null);

        assertThat(detailOfTwoSubtasksEach(way, a0, a1, b0)).isEqualTo("3 outcomes for 4 subtasks");
        assertThat(detailOfTwoSubtasksEach(way, a0, a1, b0, b1, b1)).isEqualTo("5 outcomes for 4 subtasks");
        // request 1's outcomes where request 0's belong
        assertThat(detailOfTwoSubtasksEach(way, b0, b1, a0, a1))
                .startsWith("outcome 0 is ")
                .endsWith(", out of place");
        // the right request, the subtasks swapped
        assertThat(detailOfTwoSubtasksEach(way, a1, a0, b0, b1))
                .startsWith("outcome 0 is ")
                .endsWith(", out of place");
        // in its place, but expecting another request's context
        Outcome b1ExpectingA = new Outcome(1, 1, A, A, null);
        assertThat(detailOfTwoSubtasksEach(way, a0, a1, b0, b1ExpectingA))
                .startsWith("outcome 3 is ")
                .endsWith(", out of place");
    }

    /** The check's detail for {@link #TWO} with two subtasks each, given these outcomes. */
    private static String detailOfTwoSubtasksEach(Way way, Outcome... outcomes) {
        return ContextPattern.check(way, TWO, 2, List.of(outcomes), true, new LookupTable(16))
                .detail();
    }

    /**
     * A subtask that saw its own request's id acting for another user is wrong, and the failure counts it
     * as such: the kinds add up to the wrong ones.
     */
    @Test
    void aContextForAnotherUserIsCountedAsWrongAndSaidSo() {
        List<Outcome> otherUser =
                List.of(new Outcome(0, 0, A, A.actingAs("mallory"), null), new Outcome(1, 0, B, B, null));

        assertThat(check(Way.PROPAGATED, otherUser).detail())
                .isEqualTo("1 of 2 subtasks saw the wrong context (0 none, 0 another request's, 1 another user's);"
                        + " 0 found a value left by an earlier task");
        assertThat(check(Way.MDC_COPIED, otherUser).detail())
                .isEqualTo("1 of 2 log lines carried the wrong context (0 none, 0 another request's, 1 another"
                        + " user's); 0 found an id left by an earlier task");
    }

    /** The per-thread cache's flaw is its cost; a subtask that saw the wrong context fails it, whatever was built. */
    @Test
    void perThreadCacheFailsWhenASubtaskSawTheWrongContext() {
        LookupTable library = new LookupTable(1024);
        library.forThisThread();
        List<Outcome> oneLost = List.of(new Outcome(0, 0, A, A, null), new Outcome(1, 0, B, null, null));

        Check check = check(Way.PER_THREAD_CACHE, oneLost, library);
        assertThat(check.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(check.detail())
                .isEqualTo("1 of 2 subtasks saw the wrong context (1 none, 0 another request's, 0 another user's)");
    }

    /** A request id left in the calling thread's MDC is something left here, as a thread-local value would be. */
    @Test
    void aRequestIdLeftInTheMdcIsSomethingLeftHere() {
        RequestLog.ready();
        assertThat(Contexts.nothingLeftHere()).isTrue();
        MDC.put(RequestLog.KEY, "req-0");
        try {
            assertThat(Contexts.nothingLeftHere()).isFalse();
        } finally {
            MDC.remove(RequestLog.KEY);
        }
        assertThat(Contexts.nothingLeftHere()).isTrue();
    }

    @Test
    void uncopiedIsShownOnlyWhenASubtaskLostTheContext() {
        Check shown = check(Way.UNCOPIED, SEEN_NONE);
        assertThat(shown.verdict()).isEqualTo(Check.Verdict.DEMONSTRATED);
        assertThat(shown.detail()).startsWith("context lost in 2 of 2 subtasks");

        Check notShown = check(Way.UNCOPIED, SEEN_RIGHT);
        assertThat(notShown.verdict()).isEqualTo(Check.Verdict.NOT_SHOWN);
        assertThat(notShown.detail()).startsWith("no subtask of 2 lost the context");
    }

    @Test
    void inheritableIsShownOnlyWhenASubtaskSawAnotherRequestsContext() {
        List<Outcome> stale =
                List.of(new Outcome(0, 0, A, A, A), new Outcome(1, 0, B, A, A)); // request 1 on a thread made for 0
        Check shown = check(Way.INHERITABLE, stale);
        assertThat(shown.verdict()).isEqualTo(Check.Verdict.DEMONSTRATED);
        assertThat(shown.detail()).startsWith("1 of 2 subtasks saw another request's context");

        List<Outcome> current = List.of(new Outcome(0, 0, A, A, A), new Outcome(1, 0, B, B, B));
        Check notShown = check(Way.INHERITABLE, current);
        assertThat(notShown.verdict()).isEqualTo(Check.Verdict.NOT_SHOWN);
        assertThat(notShown.detail())
                .startsWith("no subtask of 2 saw another request's context")
                .contains("each thread inherited from its own request");
    }

    /**
     * Shown when the per-thread cache built a table for every subtask; not when a thread reused one, or no cache was
     * used.
     */
    @Test
    void perThreadCacheIsShownOnlyWhenNoTableWasUsedTwice() throws Exception {
        LookupTable perTask = new LookupTable(1024); // two subtasks, each on its own thread
        perTask.forThisThread();
        try (var other = dev.loompatterns.testing.Background.start(perTask::forThisThread)) {
            other.join(); // rethrows what the other thread threw
        }
        Check shown = check(Way.PER_THREAD_CACHE, SEEN_RIGHT, perTask);
        assertThat(shown.verdict()).isEqualTo(Check.Verdict.DEMONSTRATED);
        assertThat(shown.detail()).startsWith("2 tables of 1 KiB built").contains("no table was used twice");

        LookupTable pooled = new LookupTable(1024); // two subtasks on one thread
        pooled.forThisThread();
        pooled.forThisThread();
        Check reused = check(Way.PER_THREAD_CACHE, SEEN_RIGHT, pooled);
        assertThat(reused.verdict()).isEqualTo(Check.Verdict.NOT_SHOWN);
        assertThat(reused.detail()).startsWith("1 table of 1 KiB built").contains("reused by a thread");

        LookupTable bound = new LookupTable(1024); // built per request and shared, as the structured form does
        bound.build();
        bound.build();
        Check noCache = check(Way.PER_THREAD_CACHE, SEEN_RIGHT, bound);
        assertThat(noCache.verdict()).isEqualTo(Check.Verdict.NOT_SHOWN);
        assertThat(noCache.detail()).contains("none by the per-thread cache");

        // one subtask in all (--tasks 1 -P fan-out=1): a table used once shows nothing, whatever the thread (it was
        // "shown", a helper's hunt)
        LookupTable once = new LookupTable(1024);
        once.forThisThread();
        Check alone =
                ContextPattern.check(Way.PER_THREAD_CACHE, TWO.subList(0, 1), 1, SEEN_RIGHT.subList(0, 1), true, once);
        assertThat(alone.verdict()).isEqualTo(Check.Verdict.NOT_SHOWN);
        assertThat(alone.detail()).startsWith("1 table of 1 KiB built (0.0 MiB) for 1 subtask: one subtask");
    }

    /**
     * A library's ThreadLocal, logging's MDC: copied by a task wrapper, every log line carries its own
     * request id and none leaks; not copied, the subtasks' lines carry none, in every mode (a
     * ScopedValue cannot reach it).
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyLogLineCarriesItsOwnRequestIdOnlyWhenTheMdcIsCopied(Mode mode) throws Exception {
        RequestLog.ready();
        List<Outcome> copied = run(mode, Way.MDC_COPIED, new LookupTable(16));
        assertThat(copied)
                .hasSize(REQUESTS.size() * FAN_OUT)
                .allMatch(Outcome::right)
                .allMatch(s -> s.leftover() == null);
        assertThat(run(mode, Way.MDC_LOST, new LookupTable(16)))
                .hasSize(REQUESTS.size() * FAN_OUT)
                .allMatch(Outcome::lost);
    }

    /**
     * The wrapper puts back what the running thread's MDC held: run on the thread that handed it off (a
     * pool's CallerRunsPolicy, a direct executor), it leaves that thread's own MDC as it was; run on a
     * thread whose MDC held nothing, it leaves nothing there.
     */
    @Test
    void aCopiedTaskPutsBackTheMdcOfTheThreadItRanOn() throws Exception {
        RequestLog.ready();
        MDC.put(RequestLog.KEY, "req-caller");
        MDC.put("user", "caller");
        try {
            Callable<String> task = RequestLog.copyMdcInto(left -> {
                MDC.put(RequestLog.KEY, "req-task");
                return left;
            });
            assertThat(task.call()).isEqualTo("req-caller");
            assertThat(MDC.getCopyOfContextMap())
                    .containsOnly(entry(RequestLog.KEY, "req-caller"), entry("user", "caller"));
        } finally {
            MDC.clear();
        }

        Callable<String> fromNothing = RequestLog.copyMdcInto(left -> RequestLog.current());
        MDC.put(RequestLog.KEY, "req-other");
        try {
            assertThat(fromNothing.call()).isNull();
            assertThat(MDC.get(RequestLog.KEY)).isEqualTo("req-other");
        } finally {
            MDC.clear();
        }
        assertThat(Contexts.nothingLeftHere()).isTrue();
    }

    @Test
    void theMdcChecksFailOrAreNotShownWhenTheLinesSayOtherwise() {
        List<Outcome> crossed = List.of(new Outcome(0, 0, A, B, null), new Outcome(1, 0, B, B, null));
        assertThat(check(Way.MDC_COPIED, crossed).verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(check(Way.MDC_LOST, SEEN_RIGHT).verdict()).isEqualTo(Check.Verdict.NOT_SHOWN);
        assertThat(check(Way.MDC_LOST, SEEN_NONE).verdict()).isEqualTo(Check.Verdict.DEMONSTRATED);
    }

    /**
     * Ctrl-C in the loop that starts a handler per request: the caller starts no more, and those started end.
     * Virtual and structured only: the platform form's handler pool makes its few threads up front and queues the
     * rest.
     */
    @ParameterizedTest
    @EnumSource(names = {"VIRTUAL", "STRUCTURED"})
    void anInterruptedCallerStartsNoMoreHandlers(Mode mode) {
        InterruptAfterStarts.assertStopsStarting(
                10,
                2_000,
                () -> ContextPattern.FORMS
                        .of(mode)
                        .handleAll(
                                ContextPattern.requests(2_000),
                                FAN_OUT,
                                Way.PROPAGATED,
                                new LookupTable(16),
                                POOL_SIZE));
    }
}
