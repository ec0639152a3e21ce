package dev.loompatterns.taskqueue;

/** Runs a plan: consumers on this mode's threads, the producer, join, and a clean shutdown. */
interface Form {

    /**
     * Returns when every consumer has stopped.
     *
     * @throws InterruptedException if the calling thread was interrupted by anyone but the plan's
     *                              own cancel; every consumer has stopped by then
     */
    Outcome run(Plan plan) throws InterruptedException;
}
