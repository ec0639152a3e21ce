package dev.loompatterns.boundedbuffer;

import dev.loompatterns.core.Crew;
import dev.loompatterns.core.RunGate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The run every mode plays with its own crew, in four steps:
 * <ol>
 *   <li>Consumers start on the empty buffer and must all be seen blocked, none having taken
 *       anything: take blocks while empty.
 *   <li>Producers put items 0 to n-1 between them; consumers take until every item arrived.
 *   <li>One poison pill per consumer stops the consumers (each stops at the first it takes), so
 *       the shutdown neither loses nor repeats an item.
 *   <li>With no consumer left, one producer puts capacity + 1 fillers and must be seen blocked
 *       with the buffer full: put blocks while full. The owner then takes the fillers back.
 * </ol>
 * "Seen blocked" means the thread is in state WAITING (or TIMED_WAITING): observed, never assumed
 * after a sleep.
 */
final class BufferScenario {

    static final int PILL = -1;
    static final int FILLER = -2;

    private BufferScenario() {}

    static Outcome play(Crew crew, Buffer<Integer> buffer, int items, int producers, int consumers) throws Exception {
        try (crew) {
            AtomicIntegerArray seen = new AtomicIntegerArray(items);
            AtomicInteger consumed = new AtomicInteger();

            List<Crew.Member> consumerMembers = new ArrayList<>(consumers);
            for (int c = 0; c < consumers; c++) {
                consumerMembers.add(crew.start(() -> {
                    for (int item = buffer.take(); item != PILL; item = buffer.take()) {
                        seen.incrementAndGet(item);
                        consumed.incrementAndGet();
                    }
                }));
            }
            crew.awaitUntil(
                    "every consumer is blocked on the empty buffer",
                    () -> consumed.get() > 0 || consumerMembers.stream().allMatch(Crew.Member::isWaiting));
            boolean takeBlocked = consumed.get() == 0 && buffer.size() == 0;

            int producing = Math.min(producers, items);
            for (int p = 0; p < producing; p++) {
                int first = p;
                crew.start(() -> {
                    // lets `loom dump` hold the run here, with every consumer blocked on the empty buffer;
                    // a no-op otherwise. Not in the consumers: a held consumer would pass for one blocked in take.
                    RunGate.arrive();
                    for (int item = first; item < items; item += producing) {
                        buffer.put(item);
                    }
                });
            }
            crew.awaitUntil("every item is consumed", () -> consumed.get() >= items);

            for (int c = 0; c < consumers; c++) {
                buffer.put(PILL);
            }
            crew.awaitUntil(
                    "every consumer stopped", () -> consumerMembers.stream().allMatch(Crew.Member::isFinished));

            int capacity = buffer.capacity();
            Crew.Member filler = crew.start(() -> {
                for (int i = 0; i <= capacity; i++) {
                    buffer.put(FILLER);
                }
            });
            crew.awaitUntil(
                    "the filling producer is blocked on the full buffer",
                    () -> filler.isFinished() || (filler.isWaiting() && buffer.size() == capacity));
            boolean putBlocked = !filler.isFinished() && buffer.size() == capacity;
            int fillersBack = 0;
            for (int i = 0; i <= capacity; i++) {
                crew.awaitUntil("a filler to take back", () -> buffer.size() > 0); // so the owner never blocks here
                if (buffer.take() == FILLER) {
                    fillersBack++;
                }
            }
            crew.join();

            int missing = 0;
            int duplicated = 0;
            for (int i = 0; i < items; i++) {
                int times = seen.get(i);
                if (times == 0) {
                    missing++;
                } else if (times > 1) {
                    duplicated++;
                }
            }
            return new Outcome(
                    items, missing, duplicated, capacity, buffer.peakSize(), takeBlocked, putBlocked, fillersBack);
        }
    }
}
