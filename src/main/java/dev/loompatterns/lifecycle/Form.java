package dev.loompatterns.lifecycle;

import dev.loompatterns.core.Threads;
import java.util.ArrayList;
import java.util.List;

/**
 * What every mode implements: walks one subject thread through the state diagram and reports what
 * was observed.
 */
interface Form {

    /** The name of a subject thread of the platform and virtual forms, before its number. */
    String SUBJECT = "subject-";

    /** The name of the thread a subject joins, before the subject's number. */
    String HELPER = "helper-";

    /**
     * @param task the subject's number; in structured mode an odd-numbered subject fails at its end
     * @throws InterruptedException if interrupted; the subject and its helper have ended by then
     */
    Outcome observe(int task) throws Exception;

    /**
     * The walk for the platform and virtual forms, which start the subject and its helper
     * themselves: the builder decides their kind, and the walk their names ({@code subject-N}, {@code helper-N}; a
     * thread dump showed two threads named {@code subject-0}, one of them waiting in {@code StateWalk.helper}).
     */
    static Outcome walk(Thread.Builder builder, int task) throws InterruptedException {
        StateWalk walk = new StateWalk(task, false);
        List<String> seen = new ArrayList<>();
        Thread subject = builder.name(SUBJECT + task).unstarted(walk::subjectQuietly);
        Thread helper = builder.name(HELPER + task).unstarted(walk::helper);
        seen.add(subject.getState().name());
        try {
            helper.start();
            subject.start();
            walk.drive(subject, seen);
        } finally {
            walk.release(subject);
            Threads.joinAll(List.of(subject, helper));
        }
        seen.add(subject.getState().name()); // joined: must read TERMINATED
        return new Outcome(task, seen, List.of(), walk.mountedAs(), walk.parkedAs(), walk.blockedAs());
    }
}
