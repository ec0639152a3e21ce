package dev.loompatterns.pinning;

import dev.loompatterns.core.ChildJvm;
import dev.loompatterns.core.Mode;
import java.time.Duration;
import java.util.List;

/**
 * The {@code synchronized-jdk21} variant's child JVM, started with {@code -XX:LockingMode=1}
 * (legacy stack locking: JDK 25 then pins on monitors as JDK 21-23 did). Runs the same tasks as
 * the {@code synchronized} variant and prints what it observed, one fact a line:
 * {@code pin=LINE} per pin of the pattern's own ({@link dev.loompatterns.jfr.Pin#toLine()}), then
 * {@code pins=N}; {@code apart=LINE} per pin set apart (a class's first use, JFR's own).
 *
 * <p>Arguments: mode, tasks, sleep in milliseconds.
 */
public final class LegacyMonitorsChild {

    static final String PIN = "pin=";
    static final String APART = "apart=";
    static final String PINS = "pins";

    /** The flag that brings back JDK 21-23 monitors on JDK 24 and 25 (deprecated in 24). */
    static final String LEGACY_LOCKING = "-XX:LockingMode=1";

    /** A backstop for the child JVM; it normally ends in about a second. */
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    private LegacyMonitorsChild() {}

    /** Runs this program in a child JVM with {@value #LEGACY_LOCKING} and returns what it printed. */
    static ChildJvm.Result run(Mode mode, int tasks, Duration sleep) throws InterruptedException {
        return ChildJvm.run(
                List.of(LEGACY_LOCKING),
                LegacyMonitorsChild.class,
                List.of(mode.id(), Integer.toString(tasks), Long.toString(sleep.toMillis())),
                CHILD_TIMEOUT);
    }

    public static void main(String[] args) throws Exception {
        Mode mode = Mode.parse(args[0]);
        int tasks = Integer.parseInt(args[1]);
        Duration sleep = Duration.ofMillis(Long.parseLong(args[2]));
        Outcome seen = Outcome.observe(mode, tasks, GuardedSleep.inSynchronized(sleep));
        seen.pins().forEach(pin -> System.out.println(PIN + pin.toLine()));
        seen.apart().forEach(pin -> System.out.println(APART + pin.toLine()));
        System.out.println(PINS + "=" + seen.pins().size());
    }
}
