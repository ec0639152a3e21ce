package dev.loompatterns.creationstyles;

import java.util.List;

/** Starts workers spread round-robin over one mode's ways of making a thread, and joins them all. */
interface Form {

    /** The ways this mode makes threads; worker {@code i} uses {@code styles().get(i % styles().size())}. */
    List<String> styles();

    /**
     * @return one run per worker that ran, in no particular order (so a duplicate or a missing
     *         worker shows in the check)
     * @throws InterruptedException if interrupted; every worker has ended by then
     */
    List<Outcome> runAll(int workers) throws Exception;

    /** A fact about this mode that the report prints beside the check; empty for none. */
    default String note() {
        return "";
    }
}
