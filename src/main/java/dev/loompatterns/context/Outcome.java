package dev.loompatterns.context;

/**
 * What one subtask saw (a run produces one per subtask): the same record in every mode, so the
 * check is mode-independent.
 *
 * @param request  the request's index
 * @param subtask  the subtask's index within its request
 * @param expected the context the subtask should see
 * @param seen     the context it saw, or null if none reached it
 * @param leftover what its thread already held before the subtask set anything (a value left by
 *                 an earlier task on a reused pool thread), or null
 */
public record Outcome(int request, int subtask, RequestContext expected, RequestContext seen, RequestContext leftover) {

    boolean right() {
        return expected.equals(seen);
    }

    boolean lost() {
        return seen == null;
    }

    /** Saw another request's context: a value copied from the wrong place. */
    boolean stale() {
        return seen != null && !seen.requestId().equals(expected.requestId());
    }

    /** Saw its own request's id acting for another user: wrong, but neither lost nor stale. */
    boolean otherUser() {
        return seen != null && !stale() && !right();
    }
}
