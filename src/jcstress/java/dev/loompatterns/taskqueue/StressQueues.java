package dev.loompatterns.taskqueue;

/** The starting state the stress tests share: items put and already taken, so each is owed a taskDone. */
final class StressQueues {

    private StressQueues() {}

    /** A queue with {@code n} items put and taken: {@code n} unfinished tasks, none queued. */
    static TaskQueue<Integer> withTaken(int n) {
        TaskQueue<Integer> queue = new TaskQueue<>();
        try {
            for (int i = 1; i <= n; i++) {
                queue.put(i);
                queue.take();
            }
        } catch (InterruptedException e) {
            throw new AssertionError("take() on a non-empty queue cannot block", e);
        }
        return queue;
    }
}
