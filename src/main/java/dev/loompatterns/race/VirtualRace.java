package dev.loompatterns.race;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The same {@link ExecutorService#invokeAny}, with a virtual thread per mirror, named as the pool's
 * threads were. Nothing else changes, including what invokeAny leaves to the caller: it cancels
 * the losers without waiting for them, so the executor is closed (which waits) before the answer
 * is returned.
 */
public final class VirtualRace implements Form {

    @Override
    public String race(List<Callable<String>> mirrors) throws InterruptedException, ExecutionException {
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("mirror-", 0).factory())) {
            return executor.invokeAny(mirrors);
        } // close(): waits until every loser has ended
    }
}
