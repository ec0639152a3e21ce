package dev.loompatterns.lockcounter;

import dev.loompatterns.core.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.LongAdder;

/**
 * A virtual thread per worker. The counters need no change: locks, atomics and adders work the
 * same for virtual threads. What differs is under the hood: only as many workers run at once as
 * there are carriers (one per core by default: 2 on the project's machine), and a virtual thread
 * that waits for the lock unmounts (for {@code synchronized}, since JDK 24, JEP 491).
 */
public final class VirtualLockCounter implements Form {

    @Override
    public long count(Counter counter, int workers, int increments) throws InterruptedException {
        Phaser startGate = Form.startGate();
        LongAdder finished = new LongAdder();
        List<Thread> threads = new ArrayList<>(workers);
        Thread.Builder builder = Thread.ofVirtual().name("counter-", 0);
        try {
            for (int i = 0; i < workers; i++) {
                Threads.stopStartingIfInterrupted(i);
                threads.add(builder.start(Form.worker(counter, increments, startGate, finished)));
            }
        } finally { // also when a start fails (out of native threads) or Ctrl-C stopped the loop
            Form.openGateAndJoin(startGate, threads);
        }
        return finished.sum();
    }
}
