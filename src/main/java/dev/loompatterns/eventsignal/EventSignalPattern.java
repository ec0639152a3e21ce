package dev.loompatterns.eventsignal;

import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.Pattern;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import java.time.Duration;
import java.util.List;

/** Catalogue entry for {@code event-signal}; see the package documentation. */
public final class EventSignalPattern implements Pattern {

    static final String TIMEOUT_MS = "timeout-ms";

    /** Slack for the timed wait's lower bound: the clocks agree, so this only absorbs rounding. */
    static final Duration SLACK = Duration.ofMillis(1);

    @Override
    public String id() {
        return "event-signal";
    }

    @Override
    public String title() {
        return "an event: set, wait with and without timeout, clear";
    }

    @Override
    public String tutorial() {
        return "threading.Event: set(), wait(), wait(timeout), clear()";
    }

    @Override
    public int number() {
        return 9;
    }

    @Override
    public List<Variant> variants() {
        return List.of(
                Variant.of("resettable", "ResettableEvent: a lock, a condition, a flag and a generation"),
                Variant.of("latch", "CountDownLatch(1): one-shot; clearing means a new latch"));
    }

    @Override
    public List<Param> params() {
        return List.of(Param.ofInt(TIMEOUT_MS, "the timed wait's timeout", 50, 1, 60_000));
    }

    @Override
    public int defaultTasks() {
        return 200;
    }

    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        EventDemo demo = switch (mode) {
            case PLATFORM -> new PlatformEventSignalDemo();
            case VIRTUAL -> new VirtualEventSignalDemo();
            case STRUCTURED -> new StructuredEventSignalDemo();
        };
        Signal signal = variant.id().equals("latch") ? new LatchSignal() : new ResettableEvent();
        return check(demo.play(signal, workload.tasks(), workload.millis(TIMEOUT_MS)));
    }

    static Check check(EventScenario.Report report) {
        int n = report.waiters();
        if (!report.blockedBeforeSet()) {
            return Check.failed("a waiter got through before set()");
        }
        if (report.releasedBySet() != n) {
            return Check.failed("set() released " + report.releasedBySet() + " of " + n + " waiters");
        }
        if (!report.setReturnsAtOnce()) {
            return Check.failed("a wait on the set event did not return true at once");
        }
        if (report.timedWaitResult()) {
            return Check.failed("the timed wait on the cleared event returned true");
        }
        if (report.timedWaitTook().compareTo(report.timeout().minus(SLACK)) < 0) {
            return Check.failed("the timed wait returned false after " + millis(report.timedWaitTook()) + ", before its timeout of "
                    + millis(report.timeout()));
        }
        if (!report.blockedAfterClear()) {
            return Check.failed("after clear(), a new waiter got through without a set()");
        }
        if (report.releasedAfterSet() != n) {
            return Check.failed("the second set() released " + report.releasedAfterSet() + " of " + n + " waiters");
        }
        return Check.passed("set() released all " + n + " blocked waiters; timed wait false after "
                + millis(report.timedWaitTook()) + " (timeout " + millis(report.timeout()) + "); after clear() " + n
                + " new waiters blocked until set()");
    }

    private static String millis(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
    }
}
