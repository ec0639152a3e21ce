package dev.loompatterns.exceptions;

import java.io.Serial;

/** The failure a task throws on purpose, naming its task so the report can match cause to task. */
public final class TaskFailure extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int task;

    TaskFailure(int task) {
        super("task " + task + " fails on purpose");
        this.task = task;
    }

    public int task() {
        return task;
    }
}
