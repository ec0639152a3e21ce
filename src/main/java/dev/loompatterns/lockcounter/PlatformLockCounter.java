package dev.loompatterns.lockcounter;

import dev.loompatterns.core.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.LongAdder;

/** The tutorial's form: a platform thread per worker, all sharing one counter, joined at the end. */
public final class PlatformLockCounter implements Form {

    @Override
    public long count(Counter counter, int workers, int increments) throws InterruptedException {
        Phaser startGate = Form.startGate();
        LongAdder finished = new LongAdder();
        List<Thread> threads = new ArrayList<>(workers);
        try {
            for (int i = 0; i < workers; i++) {
                Threads.stopStartingIfInterrupted(i);
                Thread thread = new Thread(Form.worker(counter, increments, startGate, finished), "counter-" + i);
                threads.add(thread);
                thread.start();
            }
        } finally { // also when a start fails (out of native threads) or Ctrl-C stopped the loop
            Form.openGateAndJoin(startGate, threads);
        }
        return finished.sum();
    }
}
