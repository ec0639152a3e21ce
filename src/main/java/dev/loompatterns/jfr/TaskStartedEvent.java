package dev.loompatterns.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The first thing a task does when it runs, committed on the task's own thread; see
 * {@link TaskSubmittedEvent}. Its event thread is the task's thread, so it can also be matched
 * with that thread's {@code jdk.VirtualThreadStart}.
 */
@Name(TaskStartedEvent.NAME)
@Category("Loom Patterns")
@Label("Task Started")
@Description("A task's first instruction on its own thread; pair with Task Submitted by taskId for the queueing delay")
@StackTrace(false)
public final class TaskStartedEvent extends jdk.jfr.Event {

    public static final String NAME = "loompatterns.TaskStarted";

    @Label("Task Id")
    public long taskId;

    /** Commits the event now, on the task's thread. */
    public static void at(long taskId) {
        TaskStartedEvent event = new TaskStartedEvent();
        event.taskId = taskId;
        event.commit();
    }
}
