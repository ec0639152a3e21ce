package dev.loompatterns.daemonthreads;

/**
 * The same ticker on a virtual thread. Every virtual thread is a daemon: {@code setDaemon(false)}
 * throws {@link IllegalArgumentException}, so a program whose only work is on virtual threads
 * exits as soon as {@code main} returns, unless {@code main} waits for that work (here, by
 * {@code join}). Migrating a non-daemon platform thread to a virtual one therefore changes when
 * the program ends: add the wait explicitly.
 */
public final class VirtualDaemonThreads implements Form {

    @Override
    public void runInChild(Scenario scenario, Ticker ticker) throws InterruptedException {
        // BEFORE: Thread.ofPlatform().daemon(false) kept the JVM alive for the ticker
        // AFTER:  a virtual thread is always a daemon; asking otherwise is refused
        Thread thread = Thread.ofVirtual().name("ticker").unstarted(ticker::tickUntilDoneOrInterrupted);
        try {
            thread.setDaemon(false);
            Ticker.say(Ticker.SET_DAEMON_FALSE + "accepted");
        } catch (IllegalArgumentException e) {
            Ticker.say(Ticker.SET_DAEMON_FALSE + "threw " + e.getClass().getSimpleName());
        }
        thread.start();
        ticker.awaitTicks();
        if (scenario == Scenario.VIRTUAL_MAIN_JOINS) {
            thread.join(); // the explicit wait that replaces "non-daemon"
        }
        ticker.sayMainReturning(thread);
    }
}
