package dev.loompatterns.lifecycle;

import dev.loompatterns.core.Threads;
import java.util.ArrayList;
import java.util.List;

/**
 * What every mode implements: walks one subject thread through the state diagram and reports what
 * was observed.
 */
interface Form {

    /**
     * @param task the subject's number; in structured mode an odd-numbered subject fails at its end
     * @throws InterruptedException if interrupted; the subject and its helper have ended by then
     */
    Outcome observe(int task) throws Exception;

    /**
     * The walk for the platform and virtual forms, which start the subject and its helper
     * themselves: the builder decides their kind.
     */
    static Outcome walk(Thread.Builder builder, int task) throws InterruptedException {
        StateWalk walk = new StateWalk(task, false);
        List<String> seen = new ArrayList<>();
        Thread subject = builder.unstarted(walk::subjectQuietly);
        Thread helper = builder.unstarted(walk::helper);
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
