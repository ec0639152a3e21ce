package dev.loompatterns.backpressure;

/**
 * What every mode implements: submits a burst of tasks under a limit and a policy, and returns when every accepted task
 * has finished.
 */
interface Form {

    /**
     * Submits {@code load.tasks()} tasks, each doing {@link Ledger#work}; a refused one is counted
     * with {@link Ledger#shed}. Returns when every task it handed off has ended.
     *
     * @throws InterruptedException if the caller is interrupted; every task has ended when it is thrown
     */
    void submitAll(Ledger ledger, Load load, Policy policy) throws Exception;
}
