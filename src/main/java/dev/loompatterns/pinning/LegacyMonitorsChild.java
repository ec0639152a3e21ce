package dev.loompatterns.pinning;

import dev.loompatterns.core.Mode;
import dev.loompatterns.jfr.Pin;
import java.time.Duration;
import java.util.List;

/**
 * The {@code synchronized-jdk21} variant's child JVM, started with {@code -XX:LockingMode=1}
 * (legacy stack locking: JDK 25 then pins on monitors as JDK 21-23 did). Runs the same tasks as
 * the {@code synchronized} variant and prints what it observed, one fact a line:
 * {@code pin=REASON<tab>OPERATION<tab>TOP FRAME<tab>CARRIER} per pin, then {@code pins=N}.
 *
 * <p>Arguments: mode, tasks, sleep in milliseconds.
 */
public final class LegacyMonitorsChild {

    static final String PIN = "pin=";
    static final String PINS = "pins";

    private LegacyMonitorsChild() {
    }

    public static void main(String[] args) throws Exception {
        Mode mode = Mode.parse(args[0]);
        int tasks = Integer.parseInt(args[1]);
        Duration sleep = Duration.ofMillis(Long.parseLong(args[2]));
        List<Pin> pins = ObservedPins.observe(mode, tasks, GuardedSleep.inSynchronized(sleep), true);
        pins.forEach(pin -> System.out.println(PIN + ObservedPins.toLine(pin)));
        System.out.println(PINS + "=" + pins.size());
    }
}
