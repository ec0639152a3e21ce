package dev.loompatterns.taskqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.taskqueue.EventLog.Kind;
import dev.loompatterns.testing.Background;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The primitive's contract, and the pattern in every mode: nothing lost, nothing repeated. */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // backstop only
class TaskQueueTest {

    private static final Duration WORK = Duration.ofNanos(50_000);

    @Test
    void takeBlocksUntilAnItemIsPut() throws Exception {
        TaskQueue<String> queue = new TaskQueue<>();
        try (Background<String> taker = Background.start(queue::take)) {
            taker.awaitState(Thread.State.WAITING); // fails if take() returned
            queue.put("a");
            assertThat(taker.join()).isEqualTo("a");
        }
        assertThat(queue.unfinishedTasks()).isEqualTo(1); // taken is not done
    }

    /**
     * A join still waits after the first of two items is marked done, and returns after the second. That it still
     * waits is asked by an interrupt, which tells whatever the timing: a join that waits throws
     * InterruptedException; one that the first taskDone woke, and that returned or is on its way out, returns.
     * Before, the test looked at once whether the joiner was alive: a join that returned on any taskDone (a signal
     * at each, an {@code if} for the {@code while}) was still alive then in 3 runs of 4, and passed.
     */
    @Test
    void joinBlocksUntilEveryItemIsMarkedDone() throws Exception {
        TaskQueue<Integer> queue = new TaskQueue<>();
        queue.put(1);
        queue.put(2);
        queue.take();
        queue.take();
        try (Background<String> joiner = Background.start(() -> {
            queue.join();
            return "returned";
        })) {
            joiner.awaitState(Thread.State.WAITING);
            queue.taskDone();
            joiner.thread().interrupt();
            assertThat(catchThrowable(joiner::join))
                    .as("join returned with a task unfinished")
                    .isInstanceOf(InterruptedException.class);
        }
        assertThat(queue.unfinishedTasks()).isEqualTo(1);
        // one still unfinished: a new join waits (awaitState fails at once if it returned), until the last taskDone
        try (Background<Long> joiner = Background.start(() -> {
            queue.join();
            return queue.unfinishedTasks();
        })) {
            joiner.awaitState(Thread.State.WAITING);
            queue.taskDone();
            assertThat(joiner.join()).isZero();
        }
    }

    @Test
    void joinReturnsAtOnceWhenNothingIsUnfinished() throws Exception {
        TaskQueue<Integer> queue = new TaskQueue<>();
        Background.returnsWithoutWaiting(() -> {
            queue.join();
            return null;
        });
    }

    @Test
    void timedJoinReturnsFalseWhileATaskIsUnfinishedAndTrueOnceAllAreDone() throws InterruptedException {
        TaskQueue<Integer> queue = new TaskQueue<>();
        queue.put(1);
        assertThat(queue.join(Duration.ofMillis(1))).isFalse(); // nobody marks it done meanwhile
        assertThat(queue.join(Duration.ZERO)).isFalse();
        queue.taskDone();
        assertThat(queue.join(Duration.ZERO)).isTrue();
    }

    @Test
    void taskDoneMoreOftenThanPutIsRefused() {
        TaskQueue<Integer> queue = new TaskQueue<>();
        queue.put(1);
        queue.taskDone();
        assertThatThrownBy(queue::taskDone)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("more times");
    }

    @Test
    void afterShutdownTakeDrainsThenThrowsAndPutIsRefused() throws InterruptedException {
        TaskQueue<Integer> queue = new TaskQueue<>();
        queue.put(1);
        queue.shutdown();
        assertThatThrownBy(() -> queue.put(2)).isInstanceOf(TaskQueue.ShutDownException.class);
        assertThat(queue.take()).isEqualTo(1);
        assertThatThrownBy(queue::take).isInstanceOf(TaskQueue.ShutDownException.class);
    }

    @Test
    void shutdownWakesEveryIdleTaker() throws Exception {
        TaskQueue<Integer> queue = new TaskQueue<>();
        List<Background<Integer>> takers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                takers.add(Background.start(queue::take));
            }
            for (Background<Integer> taker : takers) {
                taker.awaitState(Thread.State.WAITING);
            }
            queue.shutdown();
            for (Background<Integer> taker : takers) {
                assertThatThrownBy(taker::join).isInstanceOf(TaskQueue.ShutDownException.class);
            }
        } finally {
            takers.forEach(Background::close);
        }
    }

    @Test
    void takeAndJoinAreInterruptibleAndChangeNothing() throws Exception {
        TaskQueue<Integer> queue = new TaskQueue<>();
        try (Background<Integer> taker = Background.start(queue::take)) {
            taker.awaitState(Thread.State.WAITING);
            taker.thread().interrupt();
            assertThatThrownBy(taker::join).isInstanceOf(InterruptedException.class);
        }

        queue.put(7);
        try (Background<Void> joiner = Background.start(() -> {
            queue.join();
            return null;
        })) {
            joiner.awaitState(Thread.State.WAITING);
            joiner.thread().interrupt();
            assertThatThrownBy(joiner::join).isInstanceOf(InterruptedException.class);
        }
        assertThat(queue.size()).isEqualTo(1);
        assertThat(queue.unfinishedTasks()).isEqualTo(1);
    }

    @Test
    void drainRemovesQueuedItemsWithoutMarkingThemDone() {
        TaskQueue<Integer> queue = new TaskQueue<>();
        queue.put(1);
        queue.put(2);
        assertThat(queue.drain()).containsExactly(1, 2);
        assertThat(queue.size()).isZero();
        assertThat(queue.unfinishedTasks()).isEqualTo(2);
    }

    /** Every item done exactly once, and join returned only after the last one. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyItemIsDoneOnceAndJoinReturnsAfterTheLast(Mode mode) throws Exception {
        Plan plan = new Plan(500, 6, WORK, false, false);
        Outcome outcome = TaskQueuePattern.FORMS.of(mode).run(plan);

        assertThat(outcome.joinReturned()).isTrue();
        assertThat(outcome.leftover()).isEmpty();
        List<Integer> done = outcome.events().stream()
                .filter(e -> e.kind() == Kind.DONE)
                .map(EventLog.Event::item)
                .toList();
        assertThat(done).hasSize(500).doesNotHaveDuplicates();
        EventLog.Event last = outcome.events().getLast();
        assertThat(last.kind()).isEqualTo(Kind.JOIN_RETURNED);
        assertThat(OutcomeCheck.check(mode, plan, outcome).verdict()).isEqualTo(Check.Verdict.PASSED);
    }

    /** A consumer that fails hands its item back; another consumer does it; nothing is lost or repeated. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFailingConsumerLosesNothing(Mode mode) throws Exception {
        Plan plan = new Plan(200, 3, WORK, true, false);
        Outcome outcome = TaskQueuePattern.FORMS.of(mode).run(plan);

        assertThat(outcome.failures()).singleElement().isInstanceOf(ProducerConsumer.ItemFailure.class);
        assertThat(outcome.events())
                .filteredOn(e -> e.kind() == Kind.HANDED_BACK)
                .extracting(EventLog.Event::item)
                .containsExactly(0);
        assertThat(outcome.events())
                .filteredOn(e -> e.kind() == Kind.DONE && e.item() == 0)
                .hasSize(1);
        assertThat(outcome.joinReturned()).isTrue();
        assertThat(OutcomeCheck.check(mode, plan, outcome).verdict()).isEqualTo(Check.Verdict.PASSED);
    }

    /** A cancelled run stops its consumers; done plus drained is every item, none twice. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aCancelledRunAccountsForEveryItem(Mode mode) throws Exception {
        Plan plan = new Plan(400, 4, WORK, false, true);
        Outcome outcome = TaskQueuePattern.FORMS.of(mode).run(plan);

        assertThat(outcome.joinReturned()).isFalse();
        long done = outcome.events().stream().filter(e -> e.kind() == Kind.DONE).count();
        assertThat(done).isGreaterThanOrEqualTo(plan.cancelAfter());
        assertThat(done + outcome.leftover().size()).isEqualTo(400);
        assertThat(Thread.currentThread().isInterrupted())
                .as("the cancel's interrupt was consumed")
                .isFalse();
        assertThat(OutcomeCheck.check(mode, plan, outcome).verdict()).isEqualTo(Check.Verdict.PASSED);
    }

    /**
     * A cancel that comes with the last item (a run of one item) races join's return: either way
     * the check passes and the coordinator's interrupt status is left clear.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aCancelWithTheLastItemLeavesNoInterruptBehind(Mode mode) throws Exception {
        Plan plan = new Plan(1, 2, Duration.ZERO, false, true);
        for (int round = 0; round < 50; round++) {
            Outcome outcome = TaskQueuePattern.FORMS.of(mode).run(plan);
            assertThat(Thread.interrupted())
                    .as("round %d: interrupt left behind", round)
                    .isFalse();
            Check check = OutcomeCheck.check(mode, plan, outcome);
            assertThat(check.verdict())
                    .as("round %d: %s", round, check.detail())
                    .isEqualTo(Check.Verdict.PASSED);
        }
    }

    /** A stall limit of zero would give up at the first timed join that found work still running. */
    @Test
    void aPlanRefusesAStallLimitThatIsNotAboveZero() {
        assertThatThrownBy(() -> new Plan(4, 2, Duration.ZERO, false, false, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a stall limit above zero, got PT0S");
    }

    /**
     * A run that stops doing items (here each would take an hour) makes join give up after the
     * plan's stall limit instead of waiting forever; the consumers are stopped, hand their items
     * back, and the check fails naming it.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aStalledRunGivesUpWithAVerdict(Mode mode) throws Exception {
        Plan plan = new Plan(4, 2, Duration.ofHours(1), false, false, Duration.ofMillis(200));
        Outcome outcome = TaskQueuePattern.FORMS.of(mode).run(plan);

        assertThat(Thread.interrupted()).as("interrupt left behind").isFalse();
        assertThat(outcome.joinGaveUp()).isTrue();
        assertThat(outcome.joinReturned()).isFalse();
        assertThat(outcome.leftover()).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(OutcomeCheck.check(mode, plan, outcome).detail())
                .isEqualTo("join gave up: no item done in 200 ms; 0 of 4 done");
    }

    @Test
    void checkFailsWhenJoinReturnedBeforeTheLastDoneOrAnItemWasDoneTwice() {
        Plan plan = new Plan(2, 2, Duration.ZERO, false, false);
        List<EventLog.Event> early = List.of(
                new EventLog.Event(0, Kind.PUT, 0, false),
                new EventLog.Event(1, Kind.PUT, 1, false),
                new EventLog.Event(2, Kind.DONE, 0, false),
                new EventLog.Event(3, Kind.JOIN_RETURNED, -1, false),
                new EventLog.Event(4, Kind.DONE, 1, false));
        Check tooEarly = OutcomeCheck.check(Mode.PLATFORM, plan, new Outcome(early, List.of(), List.of()));
        assertThat(tooEarly.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(tooEarly.detail()).contains("before the last item was done");

        List<EventLog.Event> twice = List.of(
                new EventLog.Event(0, Kind.PUT, 0, false), new EventLog.Event(1, Kind.PUT, 1, false),
                new EventLog.Event(2, Kind.DONE, 0, false), new EventLog.Event(3, Kind.DONE, 0, false));
        assertThat(OutcomeCheck.check(Mode.PLATFORM, plan, new Outcome(twice, List.of(1), List.of()))
                        .detail())
                .isEqualTo("item 0 done twice");
        List<EventLog.Event> lost = List.of(
                new EventLog.Event(0, Kind.PUT, 0, false),
                new EventLog.Event(1, Kind.PUT, 1, false),
                new EventLog.Event(2, Kind.DONE, 0, false));
        assertThat(OutcomeCheck.check(Mode.PLATFORM, plan, new Outcome(lost, List.of(), List.of()))
                        .detail())
                .startsWith("1 done + 0 left over for 2");
        // a run that lost an item ends when its join gives up, and the accounting names the loss
        assertThat(OutcomeCheck.check(Mode.PLATFORM, plan, new Outcome(lost, List.of(), List.of(), true))
                        .detail())
                .startsWith("1 done + 0 left over for 2");
    }

    @Test
    void checkFailsOnEveryOtherBrokenPromise() {
        Plan clean = new Plan(2, 2, Duration.ZERO, false, false);
        assertThat(detail(Mode.PLATFORM, clean, List.of(put(0, 0), put(0, 1)), List.of(), List.of()))
                .isEqualTo("item 0 put twice");
        assertThat(detail(Mode.PLATFORM, clean, List.of(put(0, 0)), List.of(0), List.of()))
                .isEqualTo("1 of 2 items put");
        assertThat(detail(Mode.PLATFORM, clean, finished(false, true), List.of(), List.of()))
                .isEqualTo("item 1 done on a virtual thread");
        assertThat(detail(Mode.VIRTUAL, clean, finished(true, false), List.of(), List.of()))
                .isEqualTo("item 1 done on a platform thread");
        assertThat(detail(Mode.STRUCTURED, clean, finished(true, true), List.of(), List.of()))
                .startsWith("2 put = 2 done, each once");
        assertThat(detail(Mode.PLATFORM, clean, finished(false, false), List.of(1), List.of()))
                .isEqualTo("item 1 both done and left in the queue");
        assertThat(detail(
                        Mode.PLATFORM,
                        clean,
                        finished(false, false),
                        List.of(),
                        List.of(new IllegalStateException("boom"))))
                .isEqualTo("consumers failed: [java.lang.IllegalStateException: boom]");
        Plan failing = new Plan(2, 2, Duration.ZERO, true, false);
        assertThat(detail(Mode.PLATFORM, failing, finished(false, false), List.of(), List.of()))
                .isEqualTo("expected one failed consumer that handed its item back, got failures [], 0 handed back");
        List<EventLog.Event> noJoin = finished(false, false).subList(0, 4);
        assertThat(detail(Mode.PLATFORM, clean, noJoin, List.of(), List.of())).isEqualTo("join did not return");
        Check gaveUp = OutcomeCheck.check(
                Mode.PLATFORM,
                clean,
                new Outcome(List.of(put(0, 0), put(1, 1), done(0, 2, false)), List.of(1), List.of(), true));
        assertThat(gaveUp.detail()).isEqualTo("join gave up: no item done in 60 s; 1 of 2 done");
        Plan cancelled = new Plan(2, 2, Duration.ZERO, false, true);
        assertThat(detail(
                        Mode.PLATFORM,
                        cancelled,
                        List.of(put(0, 0), put(1, 1), done(0, 2, false)),
                        List.of(1),
                        List.of()))
                .startsWith("cancelled: 1 done once + 1 drained = 2 put");
    }

    /**
     * A cancelled run's pass counts the put-backs and the items put back apart: an item put back is taken by a
     * consumer not yet interrupted, which holds it until its own interrupt and puts it back too, so one item can be
     * put back by every consumer in turn. The line said "(6 put back by interrupted consumers)" for a run of two items
     * ({@code loom run task-queue --variant cancelled --tasks 2 -P work-us=0}), which read as six items.
     */
    @Test
    void aCancelledRunsPassCountsPutBacksAndTheItemsPutBackApart() {
        Plan cancelled = new Plan(3, 4, Duration.ZERO, false, true);
        List<EventLog.Event> events = new ArrayList<>(List.of(put(0, 0), put(1, 1), put(2, 2), done(0, 3, false)));
        int[] handedBack = {1, 1, 1, 2};
        for (int i = 0; i < handedBack.length; i++) {
            events.add(new EventLog.Event(4 + i, Kind.HANDED_BACK, handedBack[i], false));
        }
        assertThat(detail(Mode.PLATFORM, cancelled, events, List.of(1, 2), List.of()))
                .isEqualTo("cancelled: 1 done once + 2 drained = 3 put (4 put-backs of 2 items by interrupted"
                        + " consumers)");
        assertThat(detail(Mode.PLATFORM, cancelled, events.subList(0, 5), List.of(1, 2), List.of()))
                .isEqualTo("cancelled: 1 done once + 2 drained = 3 put (1 put-back of 1 item by an interrupted"
                        + " consumer)");
        assertThat(detail(Mode.PLATFORM, cancelled, events.subList(0, 4), List.of(1, 2), List.of()))
                .isEqualTo("cancelled: 1 done once + 2 drained = 3 put (no item put back by an interrupted consumer)");
    }

    private static String detail(
            Mode mode, Plan plan, List<EventLog.Event> events, List<Integer> leftover, List<Throwable> failures) {
        return OutcomeCheck.check(mode, plan, new Outcome(events, leftover, failures))
                .detail();
    }

    private static EventLog.Event put(int item, long seq) {
        return new EventLog.Event(seq, Kind.PUT, item, false);
    }

    private static EventLog.Event done(int item, long seq, boolean virtual) {
        return new EventLog.Event(seq, Kind.DONE, item, virtual);
    }

    /** Items 0 and 1 put and done (on the threads given), then join returned. */
    private static List<EventLog.Event> finished(boolean firstVirtual, boolean secondVirtual) {
        return List.of(
                put(0, 0),
                put(1, 1),
                done(0, 2, firstVirtual),
                done(1, 3, secondVirtual),
                new EventLog.Event(4, Kind.JOIN_RETURNED, -1, false));
    }
}
