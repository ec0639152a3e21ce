package dev.loompatterns.taskqueue;

import dev.loompatterns.core.AbstractPattern;
import dev.loompatterns.core.ByMode;
import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.PatternInfo;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import java.time.Duration;

/** Catalogue entry for {@code task-queue}; see the package documentation. */
public final class TaskQueuePattern extends AbstractPattern {

    static final Param CONSUMERS = Param.ofInt(
            "consumers", "consumer threads or forks (at least 2, so one can fail and another take over)", 8, 2, 10_000);
    static final Param WORK_US =
            Param.ofInt("work-us", "microseconds each item's processing sleeps", 100, 0, 1_000_000);

    /** Items one run may be given: each is a boxed Integer and a few log entries. */
    static final int MAX_ITEMS = 1_000_000;

    static final PatternInfo INFO = PatternInfo.fromCatalogue("task-queue")
            .params(CONSUMERS, WORK_US)
            .maxTasks(MAX_ITEMS)
            .build(); // tasks are items, not threads; the consumer count is its own parameter

    static final Variant CONSUMER_FAILS = INFO.variant("consumer-fails");
    static final Variant CANCELLED = INFO.variant("cancelled");

    /**
     * Platform: a platform thread per consumer, blocked in {@code take()} between items, while the owner
     * produces, joins the queue and shuts it down; virtual: the same code with virtual consumers, which
     * unmount while they wait; structured: consumers as forks of an {@code awaitAll} scope, so a failed one
     * leaves its siblings running, and the queue's join as one more fork that shuts it down.
     */
    static final ByMode<Form> FORMS =
            new ByMode<>(PlatformTaskQueue::new, VirtualTaskQueue::new, StructuredTaskQueue::new);

    /**
     * Puts {@code tasks} items through the queue under the variant's plan (clean, a failing consumer, or a
     * cancel halfway) in the mode's form and checks the event log: every item put once, done at most once,
     * else left in the queue; without a cancel, all done before {@code join} returned; with a failing
     * consumer, exactly one failed and its item was done by another.
     */
    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        Plan plan = new Plan(
                workload.tasks(),
                workload.intValue(CONSUMERS),
                Duration.ofNanos(workload.longValue(WORK_US) * 1_000L),
                variant.equals(CONSUMER_FAILS),
                variant.equals(CANCELLED));
        return OutcomeCheck.check(mode, plan, FORMS.of(mode).run(plan));
    }
}
