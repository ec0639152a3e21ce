package dev.loompatterns.threadconfig;

/**
 * The same settings on {@code Thread.ofVirtual()}, where two of them do not exist: the builder
 * has no {@code daemon(..)} (a virtual thread is always a daemon) and no {@code priority(..)}.
 * {@code setPriority} on a virtual thread is accepted and ignored: {@code getPriority()} stays
 * {@link Thread#NORM_PRIORITY} (JEP 444). Names with a counter, inheritable thread locals and the
 * uncaught-exception handler work as on platform threads.
 */
public final class VirtualThreadConfig implements Form {

    @Override
    public Outcome runAll(int workers, ThreadConfig config) throws InterruptedException {
        Worker.Collector handler = new Worker.Collector();
        Thread.Builder builder = Thread.ofVirtual()
                .name(config.namePrefix(), 0)
                .inheritInheritableThreadLocals(config.inheritLocals())
                .uncaughtExceptionHandler(handler);
        // ignored for a virtual thread, and no exception says so
        return Worker.startAndJoin(workers, builder, thread -> thread.setPriority(config.priority()), handler);
    }
}
