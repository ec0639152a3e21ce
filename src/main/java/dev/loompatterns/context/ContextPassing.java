package dev.loompatterns.context;

import java.util.List;

/** Handles every request: makes its context current, fans out subtasks, and reports what each saw. */
interface ContextPassing {

    /**
     * @return one sighting per subtask, request by request
     * @throws InterruptedException if interrupted; every thread started has ended by then
     */
    List<Sighting> handleAll(List<RequestContext> requests, int fanOut, Way way, LookupTable library) throws Exception;
}
