package dev.loompatterns.urlfetch;

import dev.loompatterns.core.Check;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * What a url-fetch run must have produced, as a {@link Check}: the outcomes in input order, and
 * each the one the server (and its {@link FaultPlan}) gave, or, for a fail-fast run, the first
 * failure a planned one and nothing left running.
 */
final class OutcomeChecks {

    private OutcomeChecks() {}

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
            return Check.passed(asked.size() + " bodies in input order, each served once");
        }
        return Check.passed(asked.size() + " outcomes in input order: the " + faulted + " faulted failed as planned ("
                + plan.summary(asked.size()) + "), the other " + (asked.size() - faulted) + " answered once each");
    }

    /**
     * A fail-fast run threw: the URL it threw for was faulted and failed as its fault says, no
     * fetch was still running when the call returned, and, unless the first failure was itself a
     * stall, no stalled fetch was waited for until its timeout (each was cancelled instead).
     *
     * @param inFlight fetches still running when the call returned
     * @param timedOut fetches the client's timeout ended
     */
    static Check checkFailedFast(List<URI> asked, Outcome first, FaultPlan plan, int inFlight, long timedOut) {
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
        if (fault != FaultPlan.Kind.STALL && timedOut > 0) {
            return Check.failed(timedOut
                    + " stalled fetches ran to their timeout: the run waited for them instead of cancelling them");
        }
        return Check.passed("failed fast on " + path + " (" + fault.id() + " -> " + first.kind() + ") of "
                + plan.summary(asked.size()) + "; the other fetches were cancelled, none still running"
                + (fault == FaultPlan.Kind.STALL ? "" : ", none waited for"));
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
