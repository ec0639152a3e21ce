package dev.loompatterns.pinning;

import dev.loompatterns.core.FirstFailure;
import dev.loompatterns.core.Threads;
import java.util.ArrayList;
import java.util.List;

/**
 * What every mode implements: runs {@code tasks} tasks that each make one blocking call, and returns when all have
 * ended.
 */
interface Form {

    /**
     * @throws Exception the first task's failure, after every task has ended
     */
    void runAll(int tasks, Blocking call) throws Exception;

    /**
     * A thread of {@code builder} per task, joined (an interrupt of the caller interrupts and joins
     * them all); then the first task's failure, if any, is thrown.
     */
    static void threadPerTask(Thread.Builder builder, int tasks, Blocking call) throws Exception {
        FirstFailure failures = new FirstFailure();
        List<Thread> threads = new ArrayList<>(tasks);
        try {
            for (int i = 0; i < tasks; i++) {
                Threads.stopStartingIfInterrupted(i);
                threads.add(builder.start(failures.guard(call::call)));
            }
        } finally { // also when a start fails: no started thread outlives the run
            Threads.joinAll(threads);
        }
        failures.rethrow();
    }
}
