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
 *   <li>Producers put items 0 to n-1 between them; consumers take until every item arrived, or
 *       until none can arrive any more (every producer finished, the buffer empty, every consumer
 *       blocked on it), so a lost item is counted as missing instead of waited for.
 *   <li>One poison pill per consumer stops the consumers (each stops at the first it takes), so
 *       the shutdown neither loses nor repeats an item.
 *   <li>With no consumer left, one producer puts capacity + 1 fillers and must be seen blocked
 *       with the buffer full: put blocks while full. The owner then takes the fillers back.
 * </ol>
 * "Seen blocked" means the thread is in state WAITING (or TIMED_WAITING): observed, never assumed
 * after a sleep.
 *
 * <p>The fill always reaches capacity, and the buffer's peak with it: in step 4 only the filler
 * and the owner touch the buffer (every producer and consumer has ended), and the owner takes
 * nothing back until it has seen the buffer full with the filler parked. The owner's size() holds
 * the buffer's lock only after it has seen the filler waiting, so the first wait it sees is the
 * filler's put on the full buffer, which comes after the capacity-th put and its peak update (or,
 * for {@link QueueBuffer}, its sample).
 */
final class BufferScenario {

    static final int PILL = -1;
    static final int FILLER = -2;

    private BufferScenario() {}

    static Outcome play(Crew crew, Buffer<Integer> buffer, int items, int producers, int consumers) throws Exception {
        try (crew) {
            AtomicIntegerArray seen = new AtomicIntegerArray(items);
            AtomicInteger consumed = new AtomicInteger();
            AtomicInteger nullTakes = new AtomicInteger(); // a take() that returned instead of blocking

            List<Crew.Member> consumerMembers = new ArrayList<>(consumers);
            for (int c = 0; c < consumers; c++) {
                consumerMembers.add(crew.start(() -> {
                    for (Integer item = buffer.take(); item == null || item != PILL; item = buffer.take()) {
                        if (item == null) {
                            nullTakes.incrementAndGet();
                            continue;
                        }
                        seen.incrementAndGet(item);
                        consumed.incrementAndGet();
                    }
                }));
            }
            crew.awaitUntil(
                    "every consumer is blocked on the empty buffer",
                    () -> consumed.get() > 0
                            || nullTakes.get() > 0
                            || consumerMembers.stream().allMatch(Crew.Member::isWaiting));
            boolean takeBlocked = consumed.get() == 0 && buffer.size() == 0;

            int producing = Math.min(producers, items);
            List<Crew.Member> producerMembers = new ArrayList<>(producing);
            for (int p = 0; p < producing; p++) {
                int first = p;
                producerMembers.add(crew.start(() -> {
                    // lets `loom dump` hold the run here, with every consumer blocked on the empty buffer;
                    // a no-op otherwise. Not in the consumers: a held consumer would pass for one blocked in take.
                    RunGate.arrive();
                    for (int item = first; item < items; item += producing) {
                        buffer.put(item);
                    }
                }));
            }
            // In this order: once every producer has finished and the buffer is empty, no item can
            // arrive; a consumer then seen waiting holds none, so the count read after is final.
            crew.awaitUntil(
                    "every item is consumed, or no more can be",
                    () -> producerMembers.stream().allMatch(Crew.Member::isFinished)
                            && buffer.size() == 0
                            && (consumed.get() >= items
                                    || consumerMembers.stream().allMatch(Crew.Member::isWaiting)));

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
                    items,
                    missing,
                    duplicated,
                    capacity,
                    buffer.peakSize(),
                    buffer instanceof QueueBuffer,
                    takeBlocked,
                    nullTakes.get(),
                    putBlocked,
                    fillersBack);
        }
    }
}
