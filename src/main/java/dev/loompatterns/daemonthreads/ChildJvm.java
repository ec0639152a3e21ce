package dev.loompatterns.daemonthreads;

import dev.loompatterns.core.RunGate;
import dev.loompatterns.core.Threads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts {@link TickerChild} in child JVMs (the running JVM's own {@code java} and class path)
 * and reads what each printed until it exits. A JVM's exit is the thing under test, so it cannot
 * be shown in-process.
 *
 * <p>No child outlives a call: a watchdog destroys a child still alive after {@link #BACKSTOP}
 * (reported as not having exited by itself), and every child is destroyed and waited for before
 * the call returns, also on failure or interrupt.
 */
final class ChildJvm {

    /** Backstop only: a healthy child is done in well under a second of ticking. */
    static final Duration BACKSTOP = Duration.ofSeconds(60);

    private ChildJvm() {
    }

    /** Runs each scenario in its own child JVM, all at once, and reports each in the order given. */
    static List<ChildReport> run(List<Scenario> scenarios, int ticks) throws InterruptedException {
        List<Process> processes = new ArrayList<>();
        List<dev.loompatterns.core.ChildJvm.Launch> launches = new ArrayList<>();
        List<Thread> watchdogs = new ArrayList<>();
        List<AtomicBoolean> destroyedByBackstop = new ArrayList<>();
        try {
            for (Scenario scenario : scenarios) {
                dev.loompatterns.core.ChildJvm.Launch launch = dev.loompatterns.core.ChildJvm.Launch.of(List.of(), TickerChild.class,
                        List.of(scenario.id(), Integer.toString(ticks)));
                launches.add(launch);
                Process process = start(launch);
                processes.add(process);
                AtomicBoolean fired = new AtomicBoolean();
                destroyedByBackstop.add(fired);
                watchdogs.add(Thread.ofVirtual().name("watchdog-" + scenario.id()).start(() -> {
                    try {
                        if (!process.waitFor(BACKSTOP)) {
                            fired.set(true);
                            process.destroyForcibly();
                        }
                    } catch (InterruptedException e) {
                        process.destroyForcibly(); // the run is being cancelled: take the child with it
                    }
                }));
            }
            // The work runs in the children: `loom dump` holds the parent here, once they are started and
            // their watchdogs wait for them, so its dump shows this JVM's side. A no-op otherwise; an
            // interrupt while held ends the run through the finally below, as any other interrupt does.
            RunGate.arrive();
            List<ChildReport> reports = new ArrayList<>();
            for (int i = 0; i < scenarios.size(); i++) {
                Process process = processes.get(i);
                List<String> lines = readAll(process); // until EOF: the child has exited or been destroyed
                int code = process.waitFor();
                dev.loompatterns.core.ChildJvm.report(lines); // its virtual threads and pins, for the run's row
                reports.add(new ChildReport(scenarios.get(i), lines, !destroyedByBackstop.get(i).get(), code));
            }
            return reports;
        } finally {
            for (Process process : processes) {
                process.destroyForcibly();
            }
            boolean interrupted = false;
            for (Process process : processes) {
                while (process.isAlive()) {
                    try {
                        process.waitFor();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            launches.forEach(dev.loompatterns.core.ChildJvm.Launch::close);
            watchdogs.forEach(Thread::interrupt);
            Threads.joinUninterruptibly(watchdogs);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The child runs under the harness's child entry point, which reports its virtual threads and pins. */
    private static Process start(dev.loompatterns.core.ChildJvm.Launch launch) {
        try {
            Process process = new ProcessBuilder(launch.command()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a child JVM: " + e.getMessage(), e);
        }
    }

    private static List<String> readAll(Process process) {
        try (BufferedReader reader = process.inputReader()) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
