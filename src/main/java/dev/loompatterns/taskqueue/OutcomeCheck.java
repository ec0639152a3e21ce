package dev.loompatterns.taskqueue;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.taskqueue.EventLog.Event;
import java.time.Duration;
import java.util.BitSet;

/** What a run must have left behind, whatever its mode: the task queue's promise, checked from the event log. */
final class OutcomeCheck {

    private OutcomeCheck() {}

    /**
     * Nothing lost, nothing repeated: every item put once, done at most once, and either done or
     * still queued at the end. Without a cancel, every item was done and {@code join} returned
     * after the last one (by the event order). With a failing consumer, exactly one failed and its
     * item was still done once. A join that gave up (no item done for the plan's stall limit) fails.
     * With a cancel, join did not return; or, when the cancel came with the last items (a run of one
     * item), join returned and the run is checked as a finished one.
     */
    static Check check(Mode mode, Plan plan, Outcome outcome) {
        int n = plan.items();
        BitSet put = new BitSet(n);
        BitSet done = new BitSet(n);
        long lastDone = -1;
        long joinAt = -1;
        int handedBack = 0;
        BitSet itemsHandedBack = new BitSet(n);
        boolean wantVirtual = mode != Mode.PLATFORM;
        for (Event event : outcome.events()) {
            switch (event.kind()) {
                case PUT -> {
                    if (put.get(event.item())) {
                        return Check.failed("item " + event.item() + " put twice");
                    }
                    put.set(event.item());
                }
                case DONE -> {
                    if (done.get(event.item())) {
                        return Check.failed("item " + event.item() + " done twice");
                    }
                    if (event.virtual() != wantVirtual) {
                        return Check.failed("item " + event.item() + " done on a "
                                + (event.virtual() ? "virtual" : "platform") + " thread");
                    }
                    done.set(event.item());
                    lastDone = event.seq();
                }
                case HANDED_BACK -> {
                    handedBack++;
                    itemsHandedBack.set(event.item());
                }
                case JOIN_RETURNED -> joinAt = event.seq();
            }
        }
        if (put.cardinality() != n) {
            return Check.failed(put.cardinality() + " of " + n + " items put");
        }
        for (int item : outcome.leftover()) {
            if (done.get(item)) {
                return Check.failed("item " + item + " both done and left in the queue");
            }
        }
        int accounted = done.cardinality() + outcome.leftover().size();
        if (accounted != n
                || outcome.leftover().stream().distinct().count()
                        != outcome.leftover().size()) {
            return Check.failed(
                    done.cardinality() + " done + " + outcome.leftover().size() + " left over for " + n + " items put");
        }
        String failures = "";
        if (plan.consumerFails()) {
            if (outcome.failures().size() != 1
                    || !(outcome.failures().getFirst() instanceof ProducerConsumer.ItemFailure)
                    || handedBack < 1) {
                return Check.failed("expected one failed consumer that handed its item back, got failures "
                        + outcome.failures() + ", " + handedBack + " handed back");
            }
            failures = "; one consumer failed on item 0, handed it back, another did it";
        } else if (!outcome.failures().isEmpty()) {
            return Check.failed("consumers failed: " + outcome.failures());
        }
        if (outcome.joinGaveUp()) {
            return Check.failed("join gave up: no item done in " + seconds(plan.stallLimit()) + "; "
                    + done.cardinality() + " of " + n + " done");
        }
        // The cancel is sent by the consumer whose item makes the done count reach cancelAfter, so
        // at least that many are done here: what a cancelled run must show is the accounting above.
        if (plan.cancelled() && !outcome.joinReturned()) {
            return Check.passed("cancelled: " + done.cardinality() + " done once + "
                    + outcome.leftover().size() + " drained = " + n + " put ("
                    + putBacks(handedBack, itemsHandedBack.cardinality()) + ")");
        }
        if (!outcome.joinReturned()) {
            return Check.failed("join did not return");
        }
        if (done.cardinality() != n) {
            return Check.failed(done.cardinality() + " of " + n + " items done");
        }
        if (joinAt < lastDone) {
            return Check.failed(
                    "join returned at event " + joinAt + ", before the last item was done at event " + lastDone);
        }
        String lateCancel =
                plan.cancelled() ? "; the cancel came as the last items finished: nothing left to stop" : "";
        return Check.passed(n + " put = " + n + " done, each once; join returned at event " + joinAt
                + ", after the last done (event " + lastDone + ")" + failures + lateCancel);
    }

    /**
     * What the interrupted consumers put back: put-backs and items counted apart, as an item put back is taken by a
     * consumer not yet interrupted, which puts it back in its turn ("6 put back" was said of a run of two items).
     */
    private static String putBacks(int putBacks, int items) {
        if (putBacks == 0) {
            return "no item put back by an interrupted consumer";
        }
        return Check.count(putBacks, "put-back") + " of " + Check.count(items, "item") + " by "
                + (putBacks == 1 ? "an interrupted consumer" : "interrupted consumers");
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
