package dev.loompatterns.lockcounter;

/** Runs {@code workers} workers that each increment a shared counter {@code increments} times. */
interface CountingWorkers {

    /** Returns when every worker has finished; the counter's total is then final. */
    void count(Counter counter, int workers, int increments) throws Exception;

    static void incrementMany(Counter counter, int increments) {
        for (int i = 0; i < increments; i++) {
            counter.increment();
        }
    }
}
