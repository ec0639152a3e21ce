package dev.loompatterns.threadconfig;

/**
 * Every setting on one {@code Thread.ofPlatform()} builder: a name with a counter, daemon,
 * priority, inheritable thread locals on or off, and an uncaught-exception handler. The builder is
 * reused for every thread; only the counter advances.
 *
 * <p>Priority is a hint: {@code getPriority()} returns what was set, but whether the OS scheduler
 * honours it is up to the JVM and OS (HotSpot on Linux ignores it unless run with
 * {@code -XX:ThreadPriorityPolicy=1} as root).
 */
public final class PlatformThreadConfig implements Form {

    @Override
    public Outcome runAll(int workers, ThreadConfig config) throws InterruptedException {
        Worker.Collector handler = new Worker.Collector();
        Thread.Builder builder = Thread.ofPlatform()
                .name(config.namePrefix(), 0)
                .daemon(config.daemon())
                .priority(config.priority())
                .inheritInheritableThreadLocals(config.inheritLocals())
                .uncaughtExceptionHandler(handler);
        return Worker.startAndJoin(workers, builder, thread -> {}, handler);
    }
}
