package dev.loompatterns.urlfetch;

import dev.loompatterns.core.Check;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What a url-fetch run must have produced, as a {@link Check}: the outcomes in input order, and
 * each the one the server (and its {@link FaultPlan}) gave, or, for a fail-fast run, the first
 * failure a planned one and nothing left running; which of the two, the variant says, not what
 * came back.
 */
final class OutcomeChecks {

    /**
     * How long a fail-fast form may take, after the first fetch failed, to decide to cancel the
     * rest ({@link UrlClient#cancelDecided}): a request its timeout ended, uninterrupted, counts as
     * waited for only if that timeout was due more than this after the first failure and before the
     * decision. How long the decided cancel then takes to reach each thread, and each thread to
     * run, does not count ({@link UrlClient#timedOutLaterThan}), so no virtual thread's wait for a
     * carrier is in it. What is: the executor forms decide in their own thread, which must wake from
     * {@code take()} and, if the failure came while it was still submitting, finish the submission
     * loop (it never blocks), then loop over the completions before the failed one; the structured
     * form decides in the failing fork's thread, right after the fetch returned ({@link ScopeCancels}).
     * A second is far more than that CPU work and one wake-up of the calling thread, on cores busy
     * elsewhere too. It is half the fault variants' 2 s stall timeout, so a form that never cancels
     * still fails: its stalls started in the second before the first failure, or after it, time out
     * more than a second after it. With {@code -P timeout-ms} under a second, only stalls started
     * well after the first failure can show it.
     */
    static final Duration CANCEL_MARGIN = Duration.ofSeconds(1);

    private OutcomeChecks() {}

    /**
     * Fetches the embedded server's URLs with {@code form} and checks the result against what
     * {@code options.onFailure()} promised, not against whatever came back: a fail-fast form must
     * throw a planned failure if the plan faulted any URL ({@link #checkFailedFast}); a collecting
     * one must return every outcome, never throw ({@link #checkFaults}).
     *
     * @param served the server's count of requests it answered, read once the form has returned
     */
    static Check fetchAndCheck(
            Form form, UrlClient client, List<URI> asked, Form.Options options, FaultPlan plan, LongSupplier served)
            throws Exception {
        boolean failFast = options.onFailure() == Form.OnFailure.FAIL_FAST;
        List<Outcome> results;
        try {
            results = form.fetchAll(client, asked, options);
        } catch (FetchFailedException e) {
            if (!failFast) {
                return Check.failed("threw on " + e.outcome().uri().getPath() + " ("
                        + e.outcome().kind() + ") instead of collecting: " + options.onFailure()
                        + " returns every outcome");
            }
            return checkFailedFast(
                    asked, e.outcome(), plan, client.inFlight(), client.timedOutLaterThan(CANCEL_MARGIN));
        }
        long faulted = asked.stream()
                .filter(uri -> plan.faultFor(LatencyServer.itemIndex(uri.getPath())) != null)
                .count();
        if (failFast && faulted > 0) {
            return Check.failed(
                    "fail-fast returned all " + results.size() + " outcomes though " + faulted + " were faulted");
        }
        return checkFaults(asked, results, plan, served.getAsLong());
    }

    /**
     * Every item came back in input order; exactly the items the plan faulted failed, each with
     * the outcome its fault gives (500: HTTP 500; stall: timeout; fail, reset: an I/O error);
     * every other item answered with its body, and was served once.
     */
    static Check checkFaults(List<URI> asked, List<Outcome> results, FaultPlan plan, long served) {
        Check order = checkOrder(asked, results);
        if (order != null) {
            return order;
        }
        int faulted = 0;
        for (Outcome result : results) {
            String path = result.uri().getPath();
            FaultPlan.Kind fault = plan.faultFor(LatencyServer.itemIndex(path));
            if (fault != null) {
                faulted++;
                if (!fault.expectedOutcome().equals(result.kind())) {
                    return Check.failed(path + " had fault " + fault.id() + " and came back " + result.kind() + " ('"
                            + result.body() + "'), expected " + fault.expectedOutcome());
                }
                continue;
            }
            String expected = LatencyServer.expectedBody(path);
            if (result.status() != 200 || !expected.equals(result.body())) {
                return Check.failed(path + " answered " + result.status() + " '" + result.body() + "', expected '"
                        + expected + "'"
                        + (Outcome.TIMEOUT.equals(result.kind())
                                ? "; is -P " + UrlFetchPattern.TIMEOUT_MS.name() + " too short for this machine?"
                                : ""));
            }
        }
        if (served != asked.size() - faulted) {
            return Check.failed("server answered " + served + " requests for " + (asked.size() - faulted) + " URLs");
        }
        if (faulted == 0) {
            return Check.passed(Check.count(asked.size(), "body", "bodies") + " in input order, each served once");
        }
        int answered = asked.size() - faulted;
        return Check.passed(Check.count(asked.size(), "outcome") + " in input order: "
                + (faulted == 1 ? "the one faulted" : "the " + faulted + " faulted") + " failed as planned ("
                + plan.summary(asked.size()) + ")"
                + (answered == 0
                        ? ", and no other was asked"
                        : answered == 1
                                ? ", the other answered once"
                                : ", the other " + answered + " answered once each"));
    }

    /**
     * A fail-fast run threw: the URL it threw for was faulted and failed as its fault says, no
     * fetch was still running when the call returned, and no request was waited for: none that
     * the client's timeout ended while its caller was not interrupted had that timeout due more
     * than {@link #CANCEL_MARGIN} after the first failure and before the form decided to cancel
     * (or at all, if it never did). A timeout due before the first failure, or after the cancel was
     * decided but before the interrupt reached its thread, was not waited for.
     *
     * @param inFlight     fetches still running when the call returned
     * @param lateTimeouts requests counted as waited for ({@link UrlClient#timedOutLaterThan})
     */
    static Check checkFailedFast(List<URI> asked, Outcome first, FaultPlan plan, int inFlight, long lateTimeouts) {
        String path = first.uri().getPath();
        FaultPlan.Kind fault = plan.faultFor(LatencyServer.itemIndex(path));
        if (!asked.contains(first.uri()) || fault == null) {
            return Check.failed(
                    "the run failed on " + first.uri() + " (" + first.kind() + "), which was not a faulted URL"
                            + (Outcome.TIMEOUT.equals(first.kind())
                                    ? "; is -P " + UrlFetchPattern.TIMEOUT_MS.name() + " too short for this machine?"
                                    : ""));
        }
        if (!fault.expectedOutcome().equals(first.kind())) {
            return Check.failed("the run failed on " + path + " with " + first.kind() + ", but its fault " + fault.id()
                    + " gives " + fault.expectedOutcome());
        }
        if (inFlight != 0) {
            return Check.failed(inFlight + " fetches were still running when the call returned");
        }
        if (lateTimeouts > 0) {
            return Check.failed(lateTimeouts + (lateTimeouts == 1 ? " request" : " requests")
                    + " timed out uninterrupted, due over " + CANCEL_MARGIN.toSeconds()
                    + " s after the first failure and before any cancel: the run waited for them");
        }
        return Check.passed("failed fast on " + path + " (" + fault.id() + " -> " + first.kind() + ") of "
                + plan.summary(asked.size()) + "; none still running, no uninterrupted timeout due over "
                + CANCEL_MARGIN.toSeconds() + " s after the first failure before a cancel");
    }

    static Check checkUserUrls(List<URI> asked, List<Outcome> results) {
        Check order = checkOrder(asked, results);
        if (order != null) {
            return order;
        }
        List<String> failures = new ArrayList<>();
        for (Outcome result : results) {
            if (!result.ok()) {
                failures.add(result.uri() + " -> " + (result.status() < 0 ? result.body() : "HTTP " + result.status()));
            }
        }
        return failures.isEmpty()
                ? Check.passed(asked.size() + " URLs answered 2xx/3xx, in input order")
                : Check.failed(failures.size() + " of " + asked.size() + " failed: " + String.join("; ", failures));
    }

    private static Check checkOrder(List<URI> asked, List<Outcome> results) {
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
}
