package dev.loompatterns.daemonthreads;

import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ticker as a fork beside the work it accompanies. The scope's joiner,
 * {@code anySuccessfulResultOrThrow}, takes the first successful result, the work's, and then
 * cancels the scope, which interrupts the ticker; {@code close()} waits for it to end. Nothing is
 * left in the background when {@code main} returns, so the daemon question does not arise.
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505); compile and run
 * with {@code --enable-preview}.
 */
public final class StructuredDaemonThreads implements Form {

    @Override
    public void runInChild(Scenario scenario, Ticker ticker) throws InterruptedException {
        AtomicReference<Thread> tickerThread = new AtomicReference<>();
        try (var scope = StructuredTaskScope.open(
                Joiner.<String>anySuccessfulResultOrThrow(), cf -> cf.withName("daemon-threads"))) {
            scope.fork(() -> {
                tickerThread.set(Thread.currentThread());
                ticker.tick(); // ends by interrupt when the work succeeds
                return "ticker";
            });
            scope.fork(() -> {
                ticker.awaitTicks(); // the work: here, outlasting a few ticks
                return "work";
            });
            scope.join();
        }
        ticker.sayMainReturning(tickerThread.get());
    }
}
