package dev.loompatterns.context;

/**
 * What every task of a request must know: which request it serves and for whom.
 *
 * @param requestId the request's id ({@code req-7})
 * @param user      the user the request acts for
 */
public record RequestContext(String requestId, String user) {

    /** The same request acting for another user, as a nested rebinding does. */
    RequestContext actingAs(String other) {
        return new RequestContext(requestId, other);
    }
}
