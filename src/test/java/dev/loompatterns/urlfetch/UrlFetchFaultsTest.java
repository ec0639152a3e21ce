package dev.loompatterns.urlfetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.UsageException;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import dev.loompatterns.testing.Background;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Injected faults: the plan is a function of the seed, each fault gives the client the outcome
 * it should, the collecting forms report exactly the faulted URLs, and the fail-fast forms throw
 * the first failure with nothing left running. No test sleeps: a stall ends by the client's
 * timeout, set small where a test waits for it and large where a test must not wait for it.
 */
class UrlFetchFaultsTest {

    /**
     * Short, for tests where stalls must time out; long enough that an unfaulted loopback request
     * on a loaded 2-core machine does not (a CLI run with 500 ms timed out an unfaulted request on a cold JVM).
     */
    private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(2);
    /** Long, for tests where no stall may be waited for: waiting would trip the backstop instead. */
    private static final Duration LONG_TIMEOUT = Duration.ofSeconds(60);

    /** Seed 4 at 30% over every kind: item 1 fails at once, items 6 and 9 stall (asserted where it matters). */
    private static final FaultPlan PLAN = FaultPlan.of(30, 4, FaultPlan.ALL_KINDS);

    private static final int ITEMS = 40;
    private static final int WORKERS = 4;

    @Test
    void thePlanIsAFunctionOfSeedAndIndex() {
        List<FaultPlan.Kind> first =
                IntStream.range(0, 1000).mapToObj(PLAN::faultFor).toList();
        List<FaultPlan.Kind> again = IntStream.range(0, 1000)
                .mapToObj(FaultPlan.of(30, 4, "fail,500,stall,reset")::faultFor)
                .toList();
        List<FaultPlan.Kind> otherSeed = IntStream.range(0, 1000)
                .mapToObj(FaultPlan.of(30, 5, FaultPlan.ALL_KINDS)::faultFor)
                .toList();
        // asked in another order, the same items get the same faults
        List<FaultPlan.Kind> backwards = IntStream.range(0, 1000)
                .map(i -> 999 - i)
                .mapToObj(PLAN::faultFor)
                .toList()
                .reversed();

        // what the fail-fast test relies on: a fault the pool meets at once, and stalls to cancel
        assertThat(IntStream.range(0, WORKERS).mapToObj(PLAN::faultFor)).contains(FaultPlan.Kind.FAIL);
        assertThat(IntStream.range(0, ITEMS).mapToObj(PLAN::faultFor)).contains(FaultPlan.Kind.STALL);
        assertThat(again).isEqualTo(first);
        assertThat(backwards).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        long faulted = first.stream().filter(kind -> kind != null).count();
        assertThat(faulted).isBetween(200L, 400L); // 30% of 1,000, give or take the draw
        assertThat(first).contains(FaultPlan.Kind.values());
        assertThat(IntStream.range(0, 100).mapToObj(FaultPlan.of(0, 4, "stall")::faultFor))
                .containsOnlyNulls();
        assertThat(IntStream.range(0, 100).mapToObj(FaultPlan.of(100, 4, "stall,500")::faultFor))
                .containsOnly(FaultPlan.Kind.STALL, FaultPlan.Kind.STATUS_500);
    }

    @ParameterizedTest(name = "{0}={1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
        fault-rate | 101         | fault-rate for url-fetch must be from 0 to 100, got 101
        fault-rate | ten         | fault-rate for url-fetch must be a whole number from 0 to 100, got 'ten'
        fault-seed | x           | fault-seed for url-fetch must be a whole number, got 'x'
        fault-seed | 99999999999999999999 | fault-seed for url-fetch must be from -9223372036854775808 to 9223372036854775807, got 99999999999999999999
        faults     | 500,teapot  | faults: unknown kind 'teapot'; the kinds are 500,reset,stall,fail
        faults     | ' '         | faults must name at least one of 500,reset,stall,fail, got ' '
        faults     | 500,,       | -P faults has an empty item in '500,,'; give its items comma-separated, with something between each two commas and none at either end
        faults     | ',500'      | -P faults has an empty item in ',500'; give its items comma-separated, with something between each two commas and none at either end
        fault-rate | 1_          | fault-rate for url-fetch must be a whole number from 0 to 100, got '1_'
        fault-rate | _1          | fault-rate for url-fetch must be a whole number from 0 to 100, got '_1'
        fault-rate | 1__0        | fault-rate for url-fetch must be a whole number from 0 to 100, got '1__0'
        """)
    void badFaultOptionsAreRefusedWithOneLine(String name, String value, String message) {
        assertThatThrownBy(() ->
                        run(new UrlFetchPattern(), Mode.VIRTUAL, UrlFetchPattern.FAULTS_COLLECT, Map.of(name, value)))
                .isInstanceOf(UsageException.class)
                .hasMessage(message);
    }

    /** The fault options are whole numbers, parsed once and listed with their range and default. */
    @Test
    void faultRateAndSeedAreListedAsWholeNumbers() {
        assertThat(new UrlFetchPattern().params().stream().map(Param::synopsis))
                .contains("fault-rate (0..100, default 10)", "fault-seed (a whole number, default 1)");
    }

    /**
     * A fault option given empty is refused as a wrong value, not read as its default: {@code -P faults=}
     * ran every kind, and the "must name at least one" check was never reached.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
        fault-rate | fault-rate for url-fetch must be a whole number from 0 to 100, got ''
        fault-seed | fault-seed for url-fetch must be a whole number, got ''
        """)
    void aWholeNumberFaultOptionGivenEmptyIsRefused(String name, String message) {
        assertThatThrownBy(() -> Workload.resolve(new UrlFetchPattern(), Mode.VIRTUAL, 10, Map.of(name, "")))
                .isInstanceOf(UsageException.class)
                .hasMessage(message);
    }

    @Test
    void faultsGivenEmptyIsRefused() {
        UrlFetchPattern pattern = new UrlFetchPattern();
        Workload empty = Workload.resolve(pattern, Mode.VIRTUAL, 10, Map.of("faults", ""));
        assertThatThrownBy(() -> pattern.validate(Mode.VIRTUAL, UrlFetchPattern.FAULTS_COLLECT, empty))
                .isInstanceOf(UsageException.class)
                .hasMessage("faults must name at least one of 500,reset,stall,fail, got ''");
        assertThatThrownBy(() -> pattern.validate(Mode.VIRTUAL, UrlFetchPattern.NO_FAULTS, empty))
                .as("given to the fault-free variant, even empty")
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("applies only to the fault variants");
    }

    /** Fault options only where faults are injected: not on the fault-free variant, not with the user's URLs. */
    @Test
    void faultOptionsAreRefusedWhereNoFaultIsInjected() {
        UrlFetchPattern pattern = new UrlFetchPattern();
        assertThatThrownBy(() -> run(pattern, Mode.VIRTUAL, UrlFetchPattern.NO_FAULTS, Map.of("fault-rate", "5")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("applies only to the fault variants");
        assertThatThrownBy(() -> run(
                        pattern, Mode.VIRTUAL, UrlFetchPattern.FAULTS_COLLECT, Map.of("urls", "http://127.0.0.1:1/a")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("cannot fetch -P urls");
        assertThatThrownBy(() -> run(
                        pattern,
                        Mode.VIRTUAL,
                        UrlFetchPattern.NO_FAULTS,
                        Map.of("latency-ms", "500", "timeout-ms", "500")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("must be below timeout-ms");
        assertThatThrownBy(() -> run(
                        pattern,
                        Mode.VIRTUAL,
                        UrlFetchPattern.NO_FAULTS,
                        Map.of("latency-ms", "5", "urls", "http://127.0.0.1:1/a")))
                .as("the embedded server's latency with the user's URLs: taken, and it did nothing")
                .isInstanceOf(UsageException.class)
                .hasMessage("-P latency-ms sets the embedded server's latency, which -P urls does not use: drop one of"
                        + " the two");
    }

    /** Each fault gives its outcome: 500 an HTTP 500, stall a timeout, fail and reset an I/O error. */
    @ParameterizedTest
    @EnumSource(FaultPlan.Kind.class)
    @Timeout(30)
    void eachFaultGivesTheClientItsOutcome(FaultPlan.Kind kind) throws Exception {
        FaultPlan always = FaultPlan.of(100, 1, kind.id());
        try (LatencyServer server = LatencyServer.start(Duration.ZERO, always);
                UrlClient client = new UrlClient(SHORT_TIMEOUT)) {
            Outcome fetched = client.fetch(server.items(1).getFirst());

            assertThat(fetched.ok()).isFalse();
            assertThat(fetched.kind()).as(fetched.body()).isEqualTo(kind.expectedOutcome());
            assertThat(server.served()).isZero();
        }
    }

    /**
     * The pool, the virtual executor and a scope under Joiner.awaitAll report exactly the faulted URLs, in input order.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    @Timeout(60)
    void collectingReportsExactlyTheFaultedUrls(Mode mode) throws Exception {
        Form collect = UrlFetchPattern.FORMS.of(mode);
        try (LatencyServer server = LatencyServer.start(Duration.ZERO, PLAN);
                UrlClient client = new UrlClient(SHORT_TIMEOUT)) {
            List<URI> uris = server.items(ITEMS).reversed();
            List<Outcome> results = collect.fetchAll(client, uris, options(Form.OnFailure.AWAIT_ALL));

            assertThat(results).extracting(Outcome::uri).containsExactlyElementsOf(uris);
            List<Integer> failed = results.stream()
                    .filter(r -> !r.ok())
                    .map(r -> LatencyServer.itemIndex(r.uri().getPath()))
                    .sorted()
                    .toList();
            List<Integer> planned = IntStream.range(0, ITEMS)
                    .filter(i -> PLAN.faultFor(i) != null)
                    .boxed()
                    .toList();
            assertThat(failed).isEqualTo(planned).isNotEmpty();
            Check check = OutcomeChecks.checkFaults(uris, results, PLAN, server.served());
            assertThat(check.verdict()).as(check.detail()).isEqualTo(Check.Verdict.PASSED);
            assertThat(client.inFlight()).isZero();
        }
    }

    /** Each mode, {@value #FAIL_FAST_RUNS} times: a race in closing the client showed in about 1 run of 40. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> everyModeRepeated() {
        return java.util.Arrays.stream(Mode.values())
                .flatMap(mode -> IntStream.rangeClosed(1, FAIL_FAST_RUNS)
                        .mapToObj(run -> org.junit.jupiter.params.provider.Arguments.of(mode, run)));
    }

    private static final int FAIL_FAST_RUNS = 12;

    /**
     * The fail-fast forms throw a faulted URL's failure, and cancel the rest: no fetch is running
     * when the call returns, and closing the client does not wait for the cancelled requests
     * either (that a stalled fetch was not waited for is asserted where stalls time out after 2 s
     * and are counted, {@link #eachFormPassesItsOwnVariantsCheck}; here, with a 60 s timeout,
     * waiting would only trip the backstop): before {@link UrlClient#close()} cancelled them, it waited for a cancelled request's
     * whole timeout in 2 to 3 of 100 virtual and structured runs, and here tripped the backstop.
     */
    @ParameterizedTest(name = "{0} run {1}")
    @org.junit.jupiter.params.provider.MethodSource("everyModeRepeated")
    @Timeout(45)
    void failingFastCancelsTheRestAndLeavesNothingRunning(Mode mode, int run) throws Exception {
        Form failFast = UrlFetchPattern.FORMS.of(mode);
        try (LatencyServer server = LatencyServer.start(Duration.ZERO, PLAN);
                UrlClient client = new UrlClient(LONG_TIMEOUT)) {
            List<URI> uris = server.items(ITEMS);
            FetchFailedException thrown = org.junit.jupiter.api.Assertions.assertThrows(
                    FetchFailedException.class,
                    () -> failFast.fetchAll(client, uris, options(Form.OnFailure.FAIL_FAST)));

            assertThat(client.inFlight()).as("fetches still running").isZero();
            assertThat(PLAN.faultFor(
                            LatencyServer.itemIndex(thrown.outcome().uri().getPath())))
                    .isNotNull();
            Check check = OutcomeChecks.checkFailedFast(
                    uris,
                    thrown.outcome(),
                    PLAN,
                    client.inFlight(),
                    client.timedOutLaterThan(OutcomeChecks.CANCEL_MARGIN));
            assertThat(check.verdict()).as(check.detail()).isEqualTo(Check.Verdict.PASSED);
        }
    }

    /**
     * The verdict follows what the variant promised, not what came back: a form that collects every
     * outcome under FAIL_FAST fails the check, and so does one that throws the first failure under
     * AWAIT_ALL, though each result would pass the other variant's check. The stubs are the real
     * forms told the other policy.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    @Timeout(60)
    void aFormThatBreaksItsVariantsPromiseFails(Mode mode) throws Exception {
        Form real = UrlFetchPattern.FORMS.of(mode);
        Form collects =
                (client, uris, options) -> real.fetchAll(client, uris, withPolicy(options, Form.OnFailure.AWAIT_ALL));
        Form throwsFirst =
                (client, uris, options) -> real.fetchAll(client, uris, withPolicy(options, Form.OnFailure.FAIL_FAST));
        long faulted =
                IntStream.range(0, ITEMS).filter(i -> PLAN.faultFor(i) != null).count();

        Check collected = checked(collects, Form.OnFailure.FAIL_FAST, SHORT_TIMEOUT);
        assertThat(collected.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(collected.detail())
                .isEqualTo("fail-fast returned all " + ITEMS + " outcomes though " + faulted + " were faulted");

        Check thrown = checked(throwsFirst, Form.OnFailure.AWAIT_ALL, SHORT_TIMEOUT);
        assertThat(thrown.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(thrown.detail())
                .startsWith("threw on /item/")
                .endsWith("instead of collecting: AWAIT_ALL returns every outcome");
    }

    /** Each form passes the check of its own variant, through the same path the pattern takes. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    @Timeout(60)
    void eachFormPassesItsOwnVariantsCheck(Mode mode) throws Exception {
        Form form = UrlFetchPattern.FORMS.of(mode);
        for (Form.OnFailure onFailure : List.of(Form.OnFailure.AWAIT_ALL, Form.OnFailure.FAIL_FAST)) {
            Check check = checked(form, onFailure, SHORT_TIMEOUT);
            assertThat(check.verdict()).as(onFailure + ": " + check.detail()).isEqualTo(Check.Verdict.PASSED);
        }
    }

    /** How every form runs here: a pool of {@value #WORKERS}, no in-flight limit, groups of 7. */
    private static Form.Options options(Form.OnFailure onFailure) {
        return new Form.Options(WORKERS, 0, 7, onFailure);
    }

    /**
     * {@code form} run and checked as the pattern runs and checks it, under {@code onFailure}, over
     * PLAN's first {@value #ITEMS} items on a server of its own, stalls timing out after {@code stallTimeout}.
     */
    private static Check checked(Form form, Form.OnFailure onFailure, Duration stallTimeout) throws Exception {
        try (LatencyServer server = LatencyServer.start(Duration.ZERO, PLAN);
                UrlClient client = stallsTimeOutAfter(stallTimeout)) {
            return OutcomeChecks.fetchAndCheck(
                    form, client, server.items(ITEMS), options(onFailure), PLAN, server::served);
        }
    }

    private static Form.Options withPolicy(Form.Options options, Form.OnFailure onFailure) {
        return new Form.Options(options.workers(), options.maxInFlight(), options.groupSize(), onFailure);
    }

    /** A stall's timeout long enough to be due more than {@link OutcomeChecks#CANCEL_MARGIN} after a failure before it. */
    private static final Duration STALL_PAST_THE_MARGIN = OutcomeChecks.CANCEL_MARGIN.plusMillis(200);

    /**
     * A stall that timed out before the first failure the form threw was not waited for, and passes:
     * in the structured form a stall in one group can time out just before another group's failure
     * reaches the top scope, which then throws that one. Here, in order, with no timing to it: the
     * stall times out, then a fault fails, then the form throws it.
     */
    @Test
    @Timeout(30)
    void aStallThatTimedOutBeforeTheThrownFailureWasNotWaitedFor() throws Exception {
        Check check = failFastCheck((c, asked, options) -> {
            assertThat(c.fetch(asked.get(STALLED)).kind()).isEqualTo(Outcome.TIMEOUT);
            throw new FetchFailedException(c.fetch(asked.get(FAILS)));
        });

        assertThat(check.verdict()).as(check.detail()).isEqualTo(Check.Verdict.PASSED);
        assertThat(check.detail()).startsWith("failed fast on /item/" + FAILS + " (fail -> I/O error)");
    }

    /**
     * A stall started after the first failure, and left to run to its timeout, was waited for: the
     * check fails saying so. Again in order: a fault fails, then the stall is fetched and times out.
     */
    @Test
    @Timeout(30)
    void aStallLeftToTimeOutAfterTheFirstFailureWasWaitedFor() throws Exception {
        Check check = failFastCheck((c, asked, options) -> {
            Outcome failed = c.fetch(asked.get(FAILS));
            assertThat(c.fetch(asked.get(STALLED)).kind()).isEqualTo(Outcome.TIMEOUT);
            throw new FetchFailedException(failed);
        });

        assertThat(check.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(check.detail())
                .isEqualTo("1 request timed out uninterrupted, due over 1 s after the first failure and before"
                        + " any cancel: the run waited for them");
    }

    /**
     * A timeout due after the form decided to cancel was not waited for, though it fired on a thread
     * not yet interrupted: a decided cancel can take seconds to reach a structured group's forks on a
     * busy machine. In order: a fault fails, the form notes its decision, a stall is fetched and times
     * out past the margin (it failed under the rule that ignored the decision).
     */
    @Test
    @Timeout(30)
    void aTimeoutDueAfterTheCancelWasDecidedWasNotWaitedFor() throws Exception {
        Check check = failFastCheck((c, asked, options) -> {
            Outcome failed = c.fetch(asked.get(FAILS));
            c.cancelDecided(c.now());
            assertThat(c.fetch(asked.get(STALLED)).kind()).isEqualTo(Outcome.TIMEOUT);
            throw new FetchFailedException(failed);
        });

        assertThat(check.verdict()).as(check.detail()).isEqualTo(Check.Verdict.PASSED);
        assertThat(check.detail())
                .endsWith("; none still running, no uninterrupted timeout due over 1 s after the first failure"
                        + " before a cancel");
    }

    /**
     * A form that decides to cancel only after a stall's timeout was due, past the margin, waited for
     * it: in order, a fault fails, a stall times out, then the form notes its decision.
     */
    @Test
    @Timeout(30)
    void aCancelDecidedAfterAStallsTimeoutWasDueCameTooLate() throws Exception {
        Check check = failFastCheck((c, asked, options) -> {
            Outcome failed = c.fetch(asked.get(FAILS));
            assertThat(c.fetch(asked.get(STALLED)).kind()).isEqualTo(Outcome.TIMEOUT);
            c.cancelDecided(c.now());
            throw new FetchFailedException(failed);
        });

        assertThat(check.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(check.detail()).startsWith("1 request timed out uninterrupted");
    }

    /** {@code form} checked as a fail-fast run over PLAN's first items, stalls timing out past the margin. */
    private static Check failFastCheck(Form form) throws Exception {
        return checked(form, Form.OnFailure.FAIL_FAST, STALL_PAST_THE_MARGIN);
    }

    /**
     * The executor forms note their cancel before they interrupt: here the stalled item's task,
     * running when the fault fails, swallows the interrupt and only then fetches, so its timeout fires
     * on an uninterrupted thread, after the decision, and is not counted (it was, with no note).
     */
    @Test
    @Timeout(30)
    void theExecutorFormsNoteTheirCancelBeforeTheyInterrupt() throws Exception {
        try (LatencyServer server = LatencyServer.start(Duration.ZERO, PLAN);
                UrlClient client = stallsTimeOutAfter(Duration.ofMillis(100))) {
            URI stalled = server.items(ITEMS).get(STALLED);
            URI fails = server.items(ITEMS).get(FAILS);
            CountDownLatch stallRunning = new CountDownLatch(1);
            AtomicReference<Outcome> stall = new AtomicReference<>();
            Form.Fetch fetch = uri -> {
                if (uri.equals(fails)) {
                    stallRunning.await(); // BLOCKS-UNTIL: the stalled item's task runs, so the cancel interrupts it
                    return client.fetch(uri);
                }
                stallRunning.countDown();
                try {
                    new CountDownLatch(1).await(); // BLOCKS-UNTIL: interrupted by the cancel
                } catch (InterruptedException swallowed) {
                    // the flag is now clear: the fetch below is not interrupted
                }
                stall.set(client.fetch(uri));
                return stall.get();
            };
            try (ExecutorService executor =
                    Executors.newThreadPerTaskExecutor(Thread.ofVirtual().factory())) {
                assertThatThrownBy(() -> ExecutorFetch.fetchAll(
                                executor, client, List.of(stalled, fails), fetch, Form.OnFailure.FAIL_FAST))
                        .isInstanceOf(FetchFailedException.class);
            } // close() waits for the stalled item's task

            assertThat(stall.get())
                    .as("the stalled item's fetch")
                    .extracting(Outcome::kind)
                    .isEqualTo(Outcome.TIMEOUT);
            assertThat(client.timedOutLaterThan(Duration.ZERO)).isZero();
        }
    }

    /**
     * The structured form's cancel is noted as decided when the failing fork's group decided it, not
     * when the top scope got to it, and only if the top cancels. A fork the group's cancel interrupts
     * holds the group open, so the top cannot decide; meanwhile the test thread fetches a stall,
     * uninterrupted, whose timeout is due after the group's decision: not waited for if the top then
     * cancels (it was, when the top noted its own moment), waited for if the top never cancels.
     */
    @ParameterizedTest(name = "top cancels: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    @Timeout(30)
    void aStructuredCancelIsNotedWhenTheFailingGroupDecidedIt(boolean topCancels) throws Exception {
        try (LatencyServer server = LatencyServer.start(Duration.ZERO, PLAN);
                UrlClient client = stallsTimeOutAfter(Duration.ofMillis(100))) {
            List<URI> uris = server.items(ITEMS);
            ScopeCancels cancels = new ScopeCancels(client);
            CountDownLatch groupCancelled = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Joiner<Void, Void> top = topCancels ? Joiner.awaitAllSuccessfulOrThrow() : Joiner.awaitAll();
            try (var scope = StructuredTaskScope.open(cancels.top(top))) {
                scope.fork(() -> {
                    try (var group =
                            StructuredTaskScope.open(cancels.group(Joiner.<Outcome>awaitAllSuccessfulOrThrow()))) {
                        group.fork(() -> {
                            try {
                                new CountDownLatch(1).await(); // BLOCKS-UNTIL: the group's cancel interrupts it
                            } catch (InterruptedException e) {
                                groupCancelled.countDown();
                            }
                            release.await(); // BLOCKS-UNTIL: the test has fetched its stall
                            return null;
                        });
                        group.fork(() -> client.fetchOrThrow(uris.get(FAILS)));
                        group.join();
                    }
                    return null;
                });
                groupCancelled.await(); // BLOCKS-UNTIL: the group decided to cancel, and its interrupt came
                assertThat(client.fetch(uris.get(STALLED)).kind()).isEqualTo(Outcome.TIMEOUT);
                release.countDown();
                if (topCancels) {
                    assertThatThrownBy(scope::join).isInstanceOf(StructuredTaskScope.FailedException.class);
                } else {
                    scope.join();
                }
            }

            assertThat(client.timedOutLaterThan(Duration.ZERO)).isEqualTo(topCancels ? 0 : 1);
        }
    }

    /** Item {@value}: PLAN's first fault, {@code fail}. */
    private static final int FAILS = 1;
    /** Item {@value}: a stall in PLAN. */
    private static final int STALLED = 6;

    /** A client whose stalled items time out after {@code stallTimeout}, and every other item not in a test's time. */
    private static UrlClient stallsTimeOutAfter(Duration stallTimeout) {
        assertThat(PLAN.faultFor(FAILS)).isEqualTo(FaultPlan.Kind.FAIL);
        assertThat(PLAN.faultFor(STALLED)).isEqualTo(FaultPlan.Kind.STALL);
        return new UrlClient(
                LONG_TIMEOUT,
                uri -> PLAN.faultFor(LatencyServer.itemIndex(uri.getPath())) == FaultPlan.Kind.STALL
                        ? stallTimeout
                        : LONG_TIMEOUT);
    }

    /** Timeouts are counted from when each was due: one due within the margin of the first failure is not late. */
    @Test
    @Timeout(30)
    void aTimeoutIsLateOnlyIfItWasDuePastTheMarginAfterTheFirstFailure() throws Exception {
        try (LatencyServer server = LatencyServer.start(Duration.ZERO, PLAN);
                UrlClient client = stallsTimeOutAfter(Duration.ofMillis(100))) {
            List<URI> uris = server.items(ITEMS);
            assertThat(client.timedOutLaterThan(Duration.ZERO))
                    .as("nothing failed yet")
                    .isZero();
            client.fetch(uris.get(FAILS));
            client.fetch(uris.get(STALLED)); // started after the failure, due 100 ms after its start

            assertThat(client.timedOutLaterThan(Duration.ofMillis(50))).isEqualTo(1);
            assertThat(client.timedOutLaterThan(Duration.ofHours(1))).isZero();
        }
    }

    /** The fail-fast check can fail: a cause that was not faulted, a fetch left running, a stall waited for. */
    @Test
    void theFailFastCheckCatchesWhatItShould() {
        URI notFaulted = URI.create("http://127.0.0.1:1/item/0");
        URI failed = URI.create("http://127.0.0.1:1/item/1");
        List<URI> asked = List.of(notFaulted, failed);
        Outcome io = Outcome.failed(failed, new java.io.IOException("closed"));
        assertThat(OutcomeChecks.checkFailedFast(asked, new Outcome(notFaulted, 500, ""), PLAN, 0, 0)
                        .detail())
                .contains("not a faulted URL");
        assertThat(OutcomeChecks.checkFailedFast(asked, new Outcome(failed, 500, ""), PLAN, 0, 0)
                        .detail())
                .contains("gives I/O error");
        assertThat(OutcomeChecks.checkFailedFast(asked, io, PLAN, 2, 0).detail())
                .contains("2 fetches were still running");
        assertThat(OutcomeChecks.checkFailedFast(asked, io, PLAN, 0, 1).detail())
                .contains("waited for them");
        assertThat(OutcomeChecks.checkFailedFast(asked, io, PLAN, 0, 0).verdict())
                .isEqualTo(Check.Verdict.PASSED);
    }

    /** The faults check can fail: a faulted URL that came back otherwise than its fault gives, a result missing. */
    @Test
    void theFaultsCheckCatchesWhatItShould() {
        URI ok = URI.create("http://127.0.0.1:1/item/0");
        URI failed = URI.create("http://127.0.0.1:1/item/" + FAILS);
        List<URI> asked = List.of(ok, failed);
        Outcome body = new Outcome(ok, 200, "item-0");
        Outcome io = Outcome.failed(failed, new java.io.IOException("closed"));
        assertThat(OutcomeChecks.checkFaults(asked, List.of(body, io), PLAN, 1).verdict())
                .isEqualTo(Check.Verdict.PASSED);
        assertThat(OutcomeChecks.checkFaults(asked, List.of(body, io), PLAN, 1).detail())
                .as("one of each: said in the singular")
                .startsWith("2 outcomes in input order: the one faulted failed as planned (")
                .endsWith("), the other answered once");
        assertThat(OutcomeChecks.checkFaults(List.of(failed), List.of(io), PLAN, 0)
                        .detail())
                .as("every URL faulted: no 'other 0'")
                .startsWith("1 outcome in input order: the one faulted failed as planned (")
                .endsWith("), and no other was asked");
        assertThat(OutcomeChecks.checkFaults(asked, List.of(body, new Outcome(failed, 500, "boom")), PLAN, 1)
                        .detail())
                .isEqualTo("/item/1 had fault fail and came back HTTP 500 ('boom'), expected I/O error");
        assertThat(OutcomeChecks.checkFaults(asked, List.of(body), PLAN, 1).detail())
                .isEqualTo("1 results for 2 URLs");
    }

    /** A stalled request ends when the server closes, not only by its timeout: nothing the server holds outlives it. */
    @Test
    @Timeout(30)
    void closingTheServerEndsAStalledRequest() throws Exception {
        FaultPlan stallAll = FaultPlan.of(100, 1, "stall");
        try (UrlClient client = new UrlClient(LONG_TIMEOUT)) {
            LatencyServer server = LatencyServer.start(Duration.ZERO, stallAll);
            URI uri = server.items(1).getFirst();
            try (Background<Outcome> fetcher = Background.start(() -> client.fetch(uri))) {
                try (server) {
                    // BLOCKS-UNTIL: the server holds the request, or the fetch ended without it
                    Background.awaitUntil(
                            () -> server.stalled() > 0 || !fetcher.thread().isAlive());
                    if (server.stalled() == 0) {
                        fail("the fetch ended before the server held it: " + fetcher.join());
                    }
                }
                Outcome outcome = fetcher.join();
                assertThat(outcome.kind()).as(outcome.body()).isEqualTo(Outcome.IO_ERROR);
            }
        }
    }

    /**
     * Only a stalled item gets the short timeout that ends it; an item the plan did not fault is
     * not failed by a timeout sized for stalls: here every answer takes longer than the stall
     * timeout, as on a loaded machine, and the run still passes.
     */
    @ParameterizedTest
    @EnumSource(
            value = Mode.class,
            names = {"VIRTUAL", "STRUCTURED"})
    @Timeout(60)
    void anItemThePlanDidNotFaultOutlastsTheStallTimeout(Mode mode) throws Exception {
        UrlFetchPattern pattern = new UrlFetchPattern();
        Check check = run(
                pattern,
                mode,
                pattern.variant("faults"),
                Map.of("latency-ms", "300", "timeout-ms", "100", "fault-rate", "30"));
        assertThat(check.verdict()).as(check.detail()).isEqualTo(Check.Verdict.PASSED);
    }

    /**
     * The fault variants at 5,000 tasks, as docs/testing.md describes them, beside a thread that keeps a core busy:
     * {@code faults} in virtual mode, {@code faults-fail-fast} in every mode.
     */
    @Test
    @Timeout(120)
    void theFaultVariantsPassAt5000TasksBesideACpuBoundThread() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong spins = new java.util.concurrent.atomic.AtomicLong();
        Thread hog = Thread.ofPlatform().name("cpu-hog").start(() -> {
            while (!stop.get()) {
                spins.incrementAndGet();
            }
        });
        try {
            UrlFetchPattern pattern = new UrlFetchPattern();
            Check check = pattern.run(
                    Mode.VIRTUAL, pattern.variant("faults"), Workload.resolve(pattern, Mode.VIRTUAL, 5_000, Map.of()));
            assertThat(check.verdict()).as(check.detail()).isEqualTo(Check.Verdict.PASSED);
            // fail-fast in every mode: the first failure ends the run, so it is quick
            for (Mode mode : Mode.values()) {
                Check failFast = pattern.run(
                        mode, pattern.variant("faults-fail-fast"), Workload.resolve(pattern, mode, 5_000, Map.of()));
                assertThat(failFast.verdict())
                        .as(mode + ": " + failFast.detail())
                        .isEqualTo(Check.Verdict.PASSED);
            }
        } finally {
            stop.set(true);
            hog.join();
        }
        assertThat(spins.get()).as("the hog ran").isPositive();
    }

    private static Check run(UrlFetchPattern pattern, Mode mode, Variant variant, Map<String, String> params)
            throws Exception {
        return pattern.run(mode, variant, Workload.resolve(pattern, mode, 10, params));
    }
}
