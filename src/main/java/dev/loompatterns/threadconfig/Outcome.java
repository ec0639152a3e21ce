package dev.loompatterns.threadconfig;

import java.util.List;

/**
 * What a run of configured workers produced.
 *
 * @param reports  one per worker that ran, in no particular order
 * @param uncaught failures that reached the uncaught-exception handler
 * @param captured failures that something else kept (a subtask), so the handler never saw them
 */
record Outcome(List<WorkerReport> reports, List<Worker.Uncaught> uncaught, List<Throwable> captured) {}
