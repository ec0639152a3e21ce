package dev.loompatterns.threadconfig;

/** Starts {@code workers} threads configured as asked, with {@link Worker#REQUEST} set in the caller, and joins them. */
interface ConfiguredWorkers {

    /**
     * @throws InterruptedException if interrupted; every worker has ended by then
     */
    Configured runAll(int workers, ThreadConfig config) throws Exception;
}
