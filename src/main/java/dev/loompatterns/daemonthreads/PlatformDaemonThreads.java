package dev.loompatterns.daemonthreads;

/**
 * The tutorial's two programs: a background ticker on a non-daemon platform thread, which keeps
 * the JVM alive after {@code main} returns until the ticker ends, and the same ticker with
 * {@code daemon(true)}, which the JVM abandons when the last non-daemon thread ({@code main})
 * ends. The JVM stops a daemon thread without unwinding it: no {@code finally} block runs.
 */
public final class PlatformDaemonThreads implements Form {

    @Override
    public void runInChild(Scenario scenario, Ticker ticker) throws InterruptedException {
        Thread thread = Thread.ofPlatform()
                .name("ticker")
                .daemon(scenario == Scenario.PLATFORM_DAEMON)
                .start(ticker::tickUntilDoneOrInterrupted);
        ticker.awaitTicks();
        ticker.sayMainReturning(thread);
    }
}
