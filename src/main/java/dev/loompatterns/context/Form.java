package dev.loompatterns.context;

import java.util.List;

/**
 * What every mode implements: handles every request, making its context current, fanning out subtasks, and reporting
 * what each saw.
 */
interface Form {

    /**
     * @param poolSize for a form that pools its threads, the size of each pool (handlers, workers); others ignore it
     * @return one outcome per subtask, request by request
     * @throws InterruptedException if interrupted; every thread started has ended by then
     */
    List<Outcome> handleAll(List<RequestContext> requests, int fanOut, Way way, LookupTable library, int poolSize)
            throws Exception;
}
