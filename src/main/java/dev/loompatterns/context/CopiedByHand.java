package dev.loompatterns.context;

import dev.loompatterns.core.RunGate;
import dev.loompatterns.core.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The executor form, the same for pools and for a virtual thread per task: a handler per request
 * sets the context in a thread-local, and submits the request's subtasks to another executor.
 * A {@link ThreadLocal} does not cross that hand-off, so the right way captures the value before
 * submitting and sets it (and removes it) inside each subtask. The wrong ways show what happens
 * otherwise: not copied, the subtask sees nothing; in an {@link InheritableThreadLocal}, it sees
 * whatever the subtask's thread inherited when it was created, which for a reused pool thread is
 * an earlier request's.
 */
final class CopiedByHand {

    private CopiedByHand() {}

    static List<Outcome> handleAll(
            ExecutorService handlers,
            ExecutorService workers,
            List<RequestContext> requests,
            int fanOut,
            Way way,
            LookupTable library)
            throws InterruptedException, ExecutionException {
        List<Future<List<Outcome>>> handled = new ArrayList<>(requests.size());
        for (int r = 0; r < requests.size(); r++) {
            Threads.stopStartingIfInterrupted(r); // the caller's executor close() ends those submitted
            int request = r;
            RequestContext context = requests.get(r);
            handled.add(handlers.submit(() -> handle(workers, request, context, fanOut, way, library)));
        }
        List<Outcome> outcomes = new ArrayList<>(requests.size() * fanOut);
        for (Future<List<Outcome>> future : handled) {
            outcomes.addAll(future.get());
        }
        return outcomes;
    }

    private static List<Outcome> handle(
            ExecutorService workers, int request, RequestContext context, int fanOut, Way way, LookupTable library)
            throws InterruptedException, ExecutionException {
        if (way == Way.INHERITABLE) {
            Contexts.INHERITED.set(context);
        } else if (way == Way.MDC_LOST || way == Way.MDC_COPIED) {
            org.slf4j.MDC.put(RequestLog.KEY, context.requestId()); // the handler's log lines carry it
        } else {
            Contexts.CURRENT.set(context);
        }
        try {
            List<Future<Outcome>> subtasks = new ArrayList<>(fanOut);
            for (int s = 0; s < fanOut; s++) {
                subtasks.add(workers.submit(subtask(request, s, context, way, library)));
            }
            List<Outcome> outcomes = new ArrayList<>(fanOut);
            for (Future<Outcome> subtask : subtasks) {
                outcomes.add(subtask.get());
            }
            return outcomes;
        } finally {
            // The handler's thread may be pooled: leave nothing for the next request it serves.
            Contexts.CURRENT.remove();
            Contexts.INHERITED.remove();
            org.slf4j.MDC.remove(RequestLog.KEY);
        }
    }

    private static Callable<Outcome> subtask(
            int request, int subtask, RequestContext context, Way way, LookupTable library) {
        return switch (way) {
            case PROPAGATED, PER_THREAD_CACHE -> {
                RequestContext captured = Contexts.CURRENT.get(); // on the handler's thread, before the hand-off
                yield () -> {
                    RequestContext leftover = Contexts.CURRENT.get();
                    Contexts.CURRENT.set(captured);
                    try {
                        RunGate.arrive(); // lets `loom dump` hold the run here; a no-op otherwise
                        if (way == Way.PER_THREAD_CACHE) {
                            library.forThisThread();
                        }
                        return new Outcome(request, subtask, context, Contexts.CURRENT.get(), leftover);
                    } finally {
                        Contexts.CURRENT.remove(); // else the pool thread carries this request into its next task
                    }
                };
            }
            case UNCOPIED ->
                () -> {
                    RunGate.arrive();
                    RequestContext seen = Contexts.CURRENT.get(); // the worker's own thread-local: never set
                    return new Outcome(request, subtask, context, seen, seen);
                };
            case INHERITABLE ->
                () -> {
                    RunGate.arrive();
                    RequestContext seen = Contexts.INHERITED.get(); // copied when this worker thread was created
                    return new Outcome(request, subtask, context, seen, seen);
                };
            case MDC_LOST -> () -> logged(request, subtask, context).run(null); // the worker's MDC: never set
            case MDC_COPIED -> RequestLog.copyMdcInto(logged(request, subtask, context));
        };
    }

    /**
     * The MDC variants' subtask: logs a line and reports the request id it carried, and
     * {@code left}, what an earlier task left in the worker's MDC (null if nothing).
     */
    private static RequestLog.Body<Outcome> logged(int request, int subtask, RequestContext context) {
        return left -> {
            RunGate.arrive(); // lets `loom dump` hold the run here; a no-op otherwise
            return new Outcome(
                    request,
                    subtask,
                    context,
                    RequestLog.logAndSee(context),
                    left == null ? null : new RequestContext(left, "(left in the MDC)"));
        };
    }
}
