package dev.loompatterns.threadconfig;

/**
 * What every mode implements: starts {@code workers} threads configured as asked, with
 * {@link Worker#REQUEST} set in the caller, and joins them.
 */
interface Form {

    /**
     * @throws InterruptedException if interrupted; every worker has ended by then
     */
    Outcome runAll(int workers, ThreadConfig config) throws Exception;
}
