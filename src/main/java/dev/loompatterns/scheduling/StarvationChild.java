package dev.loompatterns.scheduling;

import dev.loompatterns.core.Mode;
import java.time.Duration;

/**
 * The {@code cpu-hog} and {@code yield} variants' child JVM, started with
 * {@code -Djdk.virtualThreadScheduler.parallelism=1}: the scheduler reads it once, when the first
 * virtual thread is made, so a running JVM cannot change it. Prints {@code probe-delay-ns=N},
 * {@code yields=N} and {@code carriers=N}.
 *
 * <p>Arguments: mode, hogs, hog run in milliseconds, {@code yield} or {@code spin}.
 */
public final class StarvationChild {

    static final String PROBE_DELAY_NS = "probe-delay-ns";
    static final String YIELDS = "yields";
    static final String CARRIERS = "carriers";

    private StarvationChild() {
    }

    public static void main(String[] args) throws Exception {
        Mode mode = Mode.parse(args[0]);
        int hogs = Integer.parseInt(args[1]);
        Duration hogRun = Duration.ofMillis(Long.parseLong(args[2]));
        boolean yield = args[3].equals("yield");
        Starvation.Result result = Starvation.measure(mode, hogs, hogRun, yield);
        System.out.println(PROBE_DELAY_NS + "=" + result.probeDelay().toNanos());
        System.out.println(YIELDS + "=" + result.yields());
        System.out.println(CARRIERS + "=" + System.getProperty("jdk.virtualThreadScheduler.parallelism"));
    }
}
