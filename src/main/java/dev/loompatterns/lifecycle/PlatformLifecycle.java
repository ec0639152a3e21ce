package dev.loompatterns.lifecycle;

import dev.loompatterns.core.Threads;
import java.util.ArrayList;
import java.util.List;

/**
 * The state diagram of a platform thread, observed: NEW before {@code start()}, then RUNNABLE,
 * TIMED_WAITING, WAITING (park), WAITING (join), BLOCKED, and TERMINATED once joined. For a
 * platform thread each state is also the state of the OS thread beneath it: a WAITING platform
 * thread holds its OS thread while it waits.
 */
public final class PlatformLifecycle implements StateObserver {

    @Override
    public Observation observe(int task) throws InterruptedException {
        return walk(Thread.ofPlatform().name("subject-" + task), task);
    }

    /** The walk for threads this class starts itself; the builder decides their kind. */
    static Observation walk(Thread.Builder builder, int task) throws InterruptedException {
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
        return new Observation(task, seen, List.of(), walk.mountedAs(), walk.parkedAs(), walk.blockedAs());
    }
}
