package dev.loompatterns.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A task handed to a thread or a scheduler, committed by the submitting thread just before
 * {@code start()} or {@code fork()}. Paired with {@link TaskStartedEvent} by {@code taskId}, it
 * gives the queueing delay that no JDK event shows: {@code jdk.VirtualThreadStart} is stamped when
 * the virtual thread first mounts on a carrier, after any wait in the scheduler's queue.
 */
@Name(TaskSubmittedEvent.NAME)
@Category("Loom Patterns")
@Label("Task Submitted")
@Description("A task handed to a thread or scheduler; pair with Task Started by taskId for the queueing delay")
@StackTrace(false)
public final class TaskSubmittedEvent extends jdk.jfr.Event {

    public static final String NAME = "loompatterns.TaskSubmitted";

    @Label("Task Id")
    public long taskId;

    /** Commits the event now, for the task about to be submitted. */
    public static void at(long taskId) {
        TaskSubmittedEvent event = new TaskSubmittedEvent();
        event.taskId = taskId;
        event.commit();
    }
}
