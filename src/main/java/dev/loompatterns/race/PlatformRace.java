package dev.loompatterns.race;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@link ExecutorService#invokeAny} on a fixed pool of platform threads, one per mirror. invokeAny
 * returns the first result that succeeds, skips failures unless all fail, and cancels (interrupts)
 * the rest, but it does not wait for them to end: a loser may still be unwinding when invokeAny
 * returns. Closing the pool is what waits, so the pool lives exactly as long as one race. A pool
 * kept across races would need its own wait for the losers (a latch counted down as each ends).
 *
 * <p>invokeAny also submits lazily: it hands the pool one task, then the next only while no
 * answer has arrived, so with a fast enough winner the slowest mirrors are never asked at all.
 */
public final class PlatformRace implements Form {

    @Override
    public String race(List<Callable<String>> mirrors) throws InterruptedException, ExecutionException {
        try (ExecutorService executor = Executors.newFixedThreadPool(
                mirrors.size(), Thread.ofPlatform().name("mirror-", 0).factory())) {
            return executor.invokeAny(mirrors);
        } // close(): waits until every loser has ended
    }
}
