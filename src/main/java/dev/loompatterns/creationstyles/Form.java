package dev.loompatterns.creationstyles;

import java.util.List;

/** Starts workers spread round-robin over one mode's ways of making a thread, and joins them all. */
interface Form {

    /** The ways this mode makes threads; worker {@code i} uses {@code styles().get(i % styles().size())}. */
    List<Style> styles();

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

    /**
     * A way of making a thread, and how the threads it makes are named: the evidence, in a run, of
     * the way a thread was made.
     *
     * @param label        the style's name in the report
     * @param threadPrefix its threads are named this and a number ({@code target-3}, {@code builder-0});
     *                     empty for a way that leaves them unnamed (an executor's or a scope's default
     *                     factory)
     */
    record Style(String label, String threadPrefix) {

        /** Whether a thread of this name was made this way. */
        boolean named(String thread) {
            if (threadPrefix.isEmpty()) {
                return thread.isEmpty();
            }
            String number = thread.startsWith(threadPrefix) ? thread.substring(threadPrefix.length()) : "";
            return !number.isEmpty() && number.chars().allMatch(Character::isDigit);
        }

        /** The names {@link #named} accepts, for a check's message. */
        String names() {
            return threadPrefix.isEmpty() ? "unnamed" : threadPrefix + "N";
        }
    }
}
