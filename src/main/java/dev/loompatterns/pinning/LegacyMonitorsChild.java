package dev.loompatterns.pinning;

import dev.loompatterns.core.Mode;
import java.time.Duration;

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

    private LegacyMonitorsChild() {
    }

    public static void main(String[] args) throws Exception {
        Mode mode = Mode.parse(args[0]);
        int tasks = Integer.parseInt(args[1]);
        Duration sleep = Duration.ofMillis(Long.parseLong(args[2]));
        ObservedPins seen = ObservedPins.observe(mode, tasks, GuardedSleep.inSynchronized(sleep));
        seen.pins().forEach(pin -> System.out.println(PIN + pin.toLine()));
        seen.apart().forEach(pin -> System.out.println(APART + pin.toLine()));
        System.out.println(PINS + "=" + seen.pins().size());
    }
}
