package dev.loompatterns.scheduling;

import dev.loompatterns.core.ChildJvm;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.VirtualScheduler;
import java.time.Duration;
import java.util.List;

/**
 * The {@code cpu-hog}, {@code yield} and {@code offload} variants' child JVM, started with
 * {@code -Djdk.virtualThreadScheduler.parallelism=1}: the scheduler reads it once, when the first
 * virtual thread is made, so a running JVM cannot change it. Prints {@code probe-delay-ns=N},
 * {@code probe-lead-ns=N} (the last hog's end less the probe's first run: zero or less, starved),
 * {@code yields=N} (the hogs' {@code Thread.yield()} calls) and {@code carriers=N} (the scheduler's
 * parallelism, as its bean reads it).
 *
 * <p>Arguments: mode, hogs, hog run in milliseconds, {@code yield}, {@code spin} or {@code offload}
 * (each hog's spin runs on a pool of platform threads sized to the cores, and the task waits for
 * it; prints {@code offload-pool=N} too).
 */
public final class StarvationChild {

    static final String PROBE_DELAY_NS = "probe-delay-ns";
    static final String PROBE_LEAD_NS = "probe-lead-ns";
    static final String YIELDS = "yields";
    static final String CARRIERS = "carriers";
    static final String POOL = "offload-pool";

    /** The child runs with one carrier, so that a single hog can hold it. */
    static final String ONE_CARRIER = "-Djdk.virtualThreadScheduler.parallelism=1";

    private StarvationChild() {}

    /**
     * Runs this program in a child JVM with one carrier and returns what it printed.
     *
     * @param how {@code spin}, {@code yield} or {@code offload}
     */
    static ChildJvm.Result run(Mode mode, int hogs, Duration hogRun, String how) throws Exception {
        return ChildJvm.run(
                List.of(ONE_CARRIER),
                StarvationChild.class,
                List.of(mode.id(), Integer.toString(hogs), Long.toString(hogRun.toMillis()), how),
                childTimeout(hogs, hogRun));
    }

    /** A backstop for the child JVM: its start, plus twice the hogs' total run. */
    private static Duration childTimeout(int hogs, Duration hogRun) {
        return Duration.ofSeconds(30).plus(hogRun.multipliedBy(2L * hogs));
    }

    public static void main(String[] args) throws Exception {
        Mode mode = Mode.parse(args[0]);
        int hogs = Integer.parseInt(args[1]);
        Duration hogRun = Duration.ofMillis(Long.parseLong(args[2]));
        boolean yield = args[3].equals("yield");
        Starvation.Measurement result;
        if (args[3].equals("offload")) {
            // a bounded pool of platform threads sized to the cores, for the CPU-bound work
            try (java.util.concurrent.ExecutorService cpu = java.util.concurrent.Executors.newFixedThreadPool(
                    Runtime.getRuntime().availableProcessors(),
                    Thread.ofPlatform().name("cpu-", 0).factory())) {
                // the pool is there before the work comes, as a service's would be: its threads started, its path used
                // once
                ((java.util.concurrent.ThreadPoolExecutor) cpu).prestartAllCoreThreads();
                cpu.submit(() -> {}).get();
                result = Starvation.offloaded(mode, hogs, hogRun, cpu);
            }
            System.out.println(POOL + "=" + Runtime.getRuntime().availableProcessors());
        } else {
            result = Starvation.measure(mode, hogs, hogRun, yield);
        }
        System.out.println(PROBE_DELAY_NS + "=" + result.probeDelay().toNanos());
        System.out.println(PROBE_LEAD_NS + "=" + result.probeLead().toNanos());
        System.out.println(YIELDS + "=" + result.yields());
        System.out.println(
                CARRIERS + "=" + VirtualScheduler.bean().getParallelism()); // what the scheduler has, not the flag
    }
}
