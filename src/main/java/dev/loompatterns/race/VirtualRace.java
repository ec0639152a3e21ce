package dev.loompatterns.race;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The same {@link ExecutorService#invokeAny}, with a virtual thread per mirror. Nothing else
 * changes, including what invokeAny leaves to the caller: it cancels the losers without waiting
 * for them, so the executor is closed (which waits) before the answer is returned.
 */
public final class VirtualRace implements Racer {

    @Override
    public String race(List<Callable<String>> mirrors) throws InterruptedException, ExecutionException {
        // BEFORE: Executors.newFixedThreadPool(mirrors.size(), Thread.ofPlatform().name("mirror-", 0).factory())
        // AFTER:  a new virtual thread for every mirror, named as the pool's threads were
        try (ExecutorService perMirror = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("mirror-", 0).factory())) {
            return perMirror.invokeAny(mirrors);
        } // close(): waits until every loser has ended
    }
}
