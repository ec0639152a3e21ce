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
     * @param threadPrefix its threads are named this and a number ({@code target-4}, {@code builder-1});
     *                     empty for a way that leaves them unnamed (an executor's or a scope's default
     *                     factory)
     * @param numbering    where that number comes from
     */
    record Style(String label, String threadPrefix, Numbering numbering) {

        /** Where the number in a thread's name comes from. */
        enum Numbering {
            /** The form names the thread after its worker's index: worker 4's is {@code target-4}. */
            WORKER,
            /**
             * A builder's or factory's counter, from 0, one per thread it made: the form makes threads in
             * worker order, so with {@code k} styles worker {@code i}'s is number {@code i / k}.
             */
            COUNTER,
            /** No name, no number. */
            NONE
        }

        public Style {
            if (threadPrefix.isEmpty() != (numbering == Numbering.NONE)) {
                throw new IllegalArgumentException(
                        "a prefix goes with a numbering: '" + threadPrefix + "', " + numbering);
            }
        }

        /** A way that leaves its threads unnamed. */
        static Style unnamed(String label) {
            return new Style(label, "", Numbering.NONE);
        }

        /**
         * The name this way gives worker {@code worker}'s thread, in a form that spreads its workers
         * round-robin over {@code styles} ways.
         */
        String threadName(int worker, int styles) {
            return switch (numbering) {
                case WORKER -> threadPrefix + worker;
                case COUNTER -> threadPrefix + worker / styles;
                case NONE -> "";
            };
        }
    }
}
