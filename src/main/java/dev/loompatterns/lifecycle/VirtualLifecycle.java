package dev.loompatterns.lifecycle;

/**
 * The same diagram for a virtual thread, and the same states: {@code getState()} reports what the
 * virtual thread is doing, not what its carrier does. Where they differ: a parked, sleeping or
 * joining virtual thread is unmounted (its carrier runs other virtual threads meanwhile), and on
 * JDK 24+ so is one BLOCKED on a monitor (JEP 491); its {@code toString()} then names no carrier,
 * while a running one shows {@code /runnable@ForkJoinPool-1-worker-N}. A thread dump
 * ({@code jcmd <pid> Thread.dump_to_file -format=json FILE}) likewise shows a carrier only for a
 * mounted virtual thread.
 */
public final class VirtualLifecycle implements Form {

    @Override
    public Outcome observe(int task) throws InterruptedException {
        return Form.walk(Thread.ofVirtual(), task);
    }
}
