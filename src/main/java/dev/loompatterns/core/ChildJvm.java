package dev.loompatterns.core;

import dev.loompatterns.jfr.JfrRepository;
import dev.loompatterns.jfr.Pin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a main class of this project in a child JVM, for what a running JVM cannot change about
 * itself: JVM flags ({@code -XX:LockingMode=1}) and settings read once at start
 * ({@code -Djdk.virtualThreadScheduler.parallelism=1}). The child is the same {@code java} binary
 * with the same class path and {@code --enable-preview}; it reports on stdout, one fact a line.
 *
 * <p>The child runs under {@link ChildMain}, which counts its virtual threads and pins and, when
 * the run records, records it too, beside the parent's file ({@link ChildActivity.Recording}).
 * What it reports is added to the current run's {@link ChildActivity}, so the run's row shows it.
 *
 * <p>The child never outlives {@link #run} (nor {@link #runAll}, which starts several at once):
 * it is stopped and waited for on every path out, including a timeout and an interrupt of the
 * caller; asked to stop before it is killed, so it leaves no JFR repository behind. Nor does it
 * outlive this JVM killed by SIGKILL, which runs none of that: it runs under {@link ParentWatch}, which
 * ends it when its stdin, a pipe this JVM holds open until the child has ended, reaches its end. This is the
 * project's one launcher: {@code daemon-threads} starts its children with {@link #runAll},
 * {@code loom scale} its rows' JVMs with {@link Launch#plain}.
 */
public final class ChildJvm {

    /**
     * How long children asked to stop may take to run their shutdown hooks before they are killed;
     * well within the {@code loom} CLI's 10 s for a run stopped by Ctrl-C, since one deadline
     * serves all the children of a run.
     */
    static final Duration STOP_GRACE = Duration.ofSeconds(5);

    /** A child's exit code and what it printed. */
    public record Result(int exitCode, List<String> stdout, String stderr) {

        /** The value of the first stdout line {@code key=value}, or null. */
        public String value(String key) {
            String prefix = key + "=";
            return stdout.stream()
                    .filter(line -> line.startsWith(prefix))
                    .map(line -> line.substring(prefix.length()))
                    .findFirst()
                    .orElse(null);
        }

        /** Every stdout line that starts with {@code prefix}, without the prefix. */
        public List<String> lines(String prefix) {
            return stdout.stream()
                    .filter(line -> line.startsWith(prefix))
                    .map(line -> line.substring(prefix.length()))
                    .toList();
        }
    }

    private ChildJvm() {}

    /**
     * Starts {@code mainClass} in a child JVM and waits for it.
     *
     * @param jvmFlags  flags before the main class ({@code -XX:LockingMode=1})
     * @param mainClass a class on this JVM's class path with a {@code main} method
     * @param timeout   a backstop: past it the child is destroyed and this throws
     * @throws IllegalStateException if the child did not end within the timeout
     * @throws InterruptedException  if the caller is interrupted; the child has ended by then
     */
    public static Result run(List<String> jvmFlags, Class<?> mainClass, List<String> args, Duration timeout)
            throws InterruptedException {
        try (Launch launch = Launch.of(jvmFlags, mainClass, args)) {
            return run(launch, timeout);
        }
    }

    /**
     * Runs a launch's child and waits for it, as {@link #run(List, Class, List, Duration)} does; for
     * a {@link Launch#plain} one, or a launch the caller closes itself.
     */
    public static Result run(Launch launch, Duration timeout) throws InterruptedException {
        String mainClass = launch.mainClass;
        Output out = null;
        Output err = null;
        Process process = null;
        try {
            out = Output.create(".out");
            err = Output.create(".err");
            // Files, not pipes: a child that prints more than a pipe holds can never block on it.
            process = start(launch, out, err);
            // The work runs in the child: `loom dump` holds this JVM's side here, the child started and
            // about to be waited for. A no-op otherwise; interrupted, the finally stops the child.
            RunGate.arrive();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(
                        "child JVM " + mainClass + " did not end within " + timeout.toSeconds() + " s");
            }
            Result result = new Result(process.exitValue(), out.lines(), err.text());
            report(result.stdout());
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run child JVM " + mainClass, e);
        } finally {
            if (process != null) {
                stopAll(List.of(process), STOP_GRACE);
                closeInput(process);
            }
            if (out != null) {
                out.close();
            }
            if (err != null) {
                err.close();
            }
        }
    }

    /**
     * How one of several children started at once ended: everything it printed (stdout and stderr
     * merged), in order, its exit status, and whether it exited before the backstop destroyed it.
     */
    public record Ended(List<String> lines, int exitCode, boolean exitedByItself) {
        public Ended {
            lines = List.copyOf(lines);
        }
    }

    /**
     * Starts {@code mainClass} in one child JVM per argument list, all at once, and waits for all;
     * for a JVM's own exit, which is what such a child shows. A child still alive after
     * {@code backstop} is stopped and reported as not having exited by itself. Every child is
     * stopped and waited for before this returns, also on failure or interrupt: an interrupt (Ctrl-C)
     * asks them all to stop at once, without waiting for the backstop, and waits at most
     * {@link #STOP_GRACE} for them to end before it kills those still running. What the children
     * report under {@link ChildMain} is added to the current run, as {@link #run} does.
     *
     * @param argsOfEach each child's arguments, one list per child
     * @return each child's end, in the order of {@code argsOfEach}
     */
    public static List<Ended> runAll(
            List<String> jvmFlags, Class<?> mainClass, List<List<String>> argsOfEach, Duration backstop)
            throws InterruptedException {
        List<Process> processes = new ArrayList<>();
        List<Launch> launches = new ArrayList<>();
        List<Output> outputs = new ArrayList<>();
        try {
            for (List<String> args : argsOfEach) {
                Launch launch = Launch.of(jvmFlags, mainClass, args);
                launches.add(launch);
                // To a file, as run() does, not a pipe: no thread of this JVM reads it (readers on virtual
                // threads counted as the run's own, 2 virtual threads in daemon-threads' platform row), and the
                // wait for the child, unlike a read from a pipe, can be interrupted.
                Output output = Output.create(".out");
                outputs.add(output);
                Process process = start(launch, output, null);
                processes.add(process); // before anything else can fail: the finally stops what is listed
            }
            long deadline = System.nanoTime() + backstop.toNanos(); // one backstop for all, from their start
            // The work runs in the children: `loom dump` holds the parent here, once they are started, so its
            // dump shows this JVM's side. A no-op otherwise; an interrupt while held ends the run through the
            // finally below, as any other interrupt does.
            RunGate.arrive();
            List<Ended> ended = new ArrayList<>();
            boolean[] stopped = new boolean[processes.size()];
            for (int i = 0; i < processes.size(); i++) {
                Process process = processes.get(i);
                if (!stopped[i] && !process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    // past the backstop: every child still running is stopped, under one deadline
                    List<Process> overdue = new ArrayList<>();
                    for (int j = i; j < processes.size(); j++) {
                        if (processes.get(j).isAlive()) {
                            stopped[j] = true;
                            overdue.add(processes.get(j));
                        }
                    }
                    stopAll(overdue, STOP_GRACE);
                }
                int code = process.waitFor();
                // the child has ended, and what it printed as it stopped (a shutdown hook's last line) is there
                List<String> lines = outputs.get(i).lines();
                report(lines); // its virtual threads and pins, for the run's row
                ended.add(new Ended(lines, code, !stopped[i]));
            }
            return ended;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run child JVMs of " + mainClass.getName(), e);
        } finally {
            stopAll(processes, STOP_GRACE);
            processes.forEach(ChildJvm::closeInput);
            launches.forEach(Launch::close);
            outputs.forEach(Output::close);
        }
    }

    /**
     * The variables every JVM takes options from, which a child does not inherit: a debugger's agent there
     * ({@code JAVA_TOOL_OPTIONS=-agentlib:jdwp=...,address=5005}, an IDE's) made each child fail to bind the port
     * that this JVM holds, and scale's rows and daemon-threads' children failed with it; a recording started there
     * would have every child write to one file. A child gets its options on its command line: the harness's own,
     * and for {@link Launch#plain} this JVM's as the caller filtered them, those variables' included.
     */
    static final java.util.Set<String> OPTIONS_FROM_THE_ENVIRONMENT =
            java.util.Set.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS");

    /**
     * The child, its stdout to {@code out}, and its stderr to {@code err}, or merged into {@code out} if null.
     * Its stdin is a pipe that this JVM holds open, writing nothing, until {@link #closeInput} once the child
     * has ended: its end is how the child's {@link ParentWatch} learns that this JVM is gone.
     */
    private static Process start(Launch launch, Output out, Output err) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launch.command()).redirectOutput(out.file.toFile());
        builder.environment().keySet().removeAll(OPTIONS_FROM_THE_ENVIRONMENT);
        Process process =
                (err == null ? builder.redirectErrorStream(true) : builder.redirectError(err.file.toFile())).start();
        out.unlink();
        if (err != null) {
            err.unlink();
        }
        return process;
    }

    /**
     * A temporary file a child writes its output to, read through a stream this JVM opens before the child
     * starts. Once the child has it open too, its name is removed ({@link #unlink}): on Linux the file lives
     * on, nameless, while either has it open, so not even a SIGKILL of this JVM, which runs no finally, can
     * leave it in the temporary folder. Elsewhere, where an open file may keep its name, {@link #close}
     * deletes it.
     */
    private static final class Output {
        private final Path file;
        private final InputStream in;

        private Output(Path file, InputStream in) {
            this.file = file;
            this.in = in;
        }

        static Output create(String suffix) throws IOException {
            Path file = Files.createTempFile("loom-child", suffix);
            try {
                return new Output(file, Files.newInputStream(file));
            } catch (IOException e) {
                deleteQuietly(file);
                throw e;
            }
        }

        void unlink() {
            deleteQuietly(file);
        }

        /** Everything the child has written. */
        String text() throws IOException {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        List<String> lines() throws IOException {
            return text().lines().toList();
        }

        void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // the descriptor goes with this JVM
            }
            deleteQuietly(file);
        }
    }

    /** Closes this JVM's end of an ended child's stdin (a child still running would take it as this JVM's end). */
    private static void closeInput(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the pipe goes with this JVM
        }
    }

    /**
     * The command that starts {@code mainClass} in a child JVM under {@link ChildMain}: this JVM's
     * {@code java}, class path and {@code --enable-preview}, and, when the current run records, the
     * file and settings for the child's recording. For a caller that runs the process itself (one
     * that reads the child's output as it comes); it gives the child's output lines to
     * {@link #report} when the child has ended, and closes the launch (which deletes the settings
     * file it wrote).
     */
    public static final class Launch implements AutoCloseable {
        private final List<String> command;
        private final Path settings;
        private final String mainClass;

        private Launch(List<String> command, Path settings, Class<?> mainClass) {
            this.command = List.copyOf(command);
            this.settings = settings;
            this.mainClass = mainClass.getSimpleName();
        }

        /** This JVM's own java binary, so a child runs on the same JDK. */
        private static String javaBinary() {
            return Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }

        /**
         * {@code mainClass} on this JVM's {@code java} and class path with {@code jvmOptions} only:
         * not under {@link ChildMain}, not recorded, none of the launcher's own flags; for a child
         * whose figures the counting would disturb ({@code loom scale}'s peak resident memory). Like
         * every child, it runs under {@link ParentWatch}: one thread blocked in a read, started before
         * {@code mainClass}.
         */
        public static Launch plain(List<String> jvmOptions, Class<?> mainClass, List<String> args) {
            List<String> command = new ArrayList<>();
            command.add(javaBinary());
            command.addAll(jvmOptions);
            command.addAll(List.of(
                    "-cp", System.getProperty("java.class.path"), ParentWatch.class.getName(), mainClass.getName()));
            command.addAll(args);
            return new Launch(command, null, mainClass);
        }

        public static Launch of(List<String> jvmFlags, Class<?> mainClass, List<String> args) {
            String java = javaBinary();
            // C1 only and the serial collector: a child lives about a second, so start-up is its cost.
            List<String> command = new ArrayList<>(List.of(
                    java,
                    "--enable-preview",
                    "--enable-native-access=ALL-UNNAMED",
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC"));
            command.addAll(jvmFlags);
            Path settings = null;
            ChildActivity.Recording recording = ChildActivity.recordingOfCurrentRun();
            if (recording != null) {
                try {
                    settings = Files.createTempFile("loom-child", ".jfc");
                    Files.writeString(settings, recording.profile().getContents(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    deleteQuietly(settings);
                    throw new UncheckedIOException("could not write the child JVM's recording settings", e);
                }
                Path file = recording.nextFile();
                command.add("-D" + ChildMain.JFR_FILE + "=" + file);
                command.add("-D" + ChildMain.JFR_NAME + "="
                        + recording.finalName(file).getFileName());
                // both for the child to delete should this JVM be killed (ParentWatch): nothing else would (only
                // this JVM moves the recording into place)
                command.add("-D" + ChildMain.JFR_SETTINGS + "=" + settings);
            }
            command.addAll(List.of(
                    "-cp",
                    System.getProperty("java.class.path"),
                    ParentWatch.class.getName(),
                    ChildMain.class.getName(),
                    mainClass.getName()));
            command.addAll(args);
            return new Launch(command, settings, mainClass);
        }

        /**
         * The command, for a caller that runs the process itself; once. A recorded child deletes its settings
         * file as soon as it has read it, so a second process of the same launch would find none. The child
         * runs under {@link ParentWatch}: keep its stdin an open pipe until it has ended, or it ends at once.
         */
        public List<String> command() {
            return command;
        }

        @Override
        public void close() {
            deleteQuietly(settings);
        }
    }

    /**
     * Adds what {@link ChildMain} reported among a child's output lines (its virtual threads, its peak of
     * platform threads, its pins, its recording) to the current run's {@link ChildActivity}; other lines are ignored.
     */
    public static void report(List<String> lines) {
        Result result = new Result(0, lines, "");
        String threads = result.value(ChildMain.VIRTUAL_THREADS);
        String platform = result.value(ChildMain.PLATFORM_THREADS);
        String recording = result.value(ChildMain.RECORDING);
        List<Pin> pins = result.lines(ChildMain.PIN).stream().map(Pin::fromLine).toList();
        ChildActivity.report(
                threads == null ? 0 : Long.parseLong(threads),
                platform == null ? 0 : Integer.parseInt(platform),
                pins,
                recording == null ? null : Path.of(recording));
    }

    /**
     * Stops the children still running and returns once all have ended: each is asked first
     * (SIGTERM, so its shutdown hooks run and JFR deletes its repository, a folder
     * {@code <date>_<pid>} in the temporary directory that a killed JVM leaves behind), and those
     * not ended within {@code grace}, one deadline for all, are killed and their repositories deleted
     * here. Signalled through their {@link ProcessHandle}, which leaves the streams open
     * ({@link Process#destroy()} closes them), so a reader still gets what a child prints as it
     * stops, then its end. An interrupt does not cut the wait short; it is kept for the caller.
     */
    static void stopAll(List<Process> processes, Duration grace) {
        stop(
                processes.stream()
                        .map(p -> new Stopping(
                                p.toHandle(),
                                nanos -> p.waitFor(nanos, TimeUnit.NANOSECONDS),
                                Long.MAX_VALUE,
                                Stopping.startOf(p.toHandle())))
                        .toList(),
                grace);
    }

    /**
     * Stops, when this JVM ends, the processes it started and theirs, as {@link #stopHandles} does: for a JVM whose
     * children a library starts and does not stop when that JVM alone is signalled. JMH's forked JVMs, in the
     * benchmarks jar ({@code bench.BenchMain}), ran on to the end of their iteration after a {@code kill -INT} of
     * JMH's own JVM (57 s of a {@code -r 60s} iteration). In a shutdown hook, so a halt or a SIGKILL skips it.
     */
    public static void stopDescendantsOnExit() {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> stopHandles(ProcessHandle.current().descendants().toList(), STOP_GRACE),
                        "stop-descendants"));
    }

    /**
     * {@link #stopAll} for processes known by their handles alone (a child's children), with one difference: a killed
     * one is waited for {@code grace} more at the most, and then left. Such a process, killed, can stay a zombie for as
     * long as its parent does not reap it (a container's PID 1 that is not an init may never), and the JDK counts a
     * zombie as alive: its {@code onExit} never completes, and an unbounded wait held this JVM's exit for good.
     */
    static void stopHandles(List<ProcessHandle> handles, Duration grace) {
        stop(handles.stream().map(handle -> Stopping.of(handle, grace)).toList(), grace);
    }

    /**
     * A process to stop; how to wait for its end, at most the nanoseconds given ({@link Long#MAX_VALUE}: until it ends,
     * as Java's timed waits read it), true once it has ended; how long to wait once it has been killed; and when it
     * started, read while it runs, which tells its JFR repository from an earlier process's with the same pid.
     */
    private record Stopping(ProcessHandle handle, ExitWait exit, long killedWaitNanos, Instant started) {

        /** The process's start, or, where the JDK cannot read it, the epoch: then any folder for its pid is its. */
        static Instant startOf(ProcessHandle handle) {
            return handle.info().startInstant().orElse(Instant.EPOCH);
        }

        static Stopping of(ProcessHandle handle, Duration killedWait) {
            ExitWait exit = nanos -> {
                try {
                    handle.onExit().get(nanos, TimeUnit.NANOSECONDS);
                    return true;
                } catch (TimeoutException e) {
                    return false;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a process's exit cannot fail", e);
                }
            };
            return new Stopping(handle, exit, killedWait.toNanos(), startOf(handle));
        }
    }

    @FunctionalInterface
    private interface ExitWait {
        boolean await(long nanos) throws InterruptedException;
    }

    /** What {@link #stopAll} says, each killed process waited for as its {@link Stopping} says. */
    private static void stop(List<Stopping> processes, Duration grace) {
        processes.stream().map(Stopping::handle).filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        boolean interrupted = false;
        for (Stopping process : processes) {
            boolean killed = false;
            long killedAt = 0;
            while (true) {
                try {
                    if (killed) {
                        long waited = System.nanoTime() - killedAt;
                        process.exit().await(Math.max(0, process.killedWaitNanos() - waited));
                        JfrRepository.deleteLeftBy(
                                process.handle().pid(), process.started(), JfrRepository.temporaryFolder());
                        break;
                    }
                    if (process.exit().await(Math.max(0, deadline - System.nanoTime()))) {
                        break;
                    }
                    process.handle().destroyForcibly();
                    killed = true;
                    killedAt = System.nanoTime();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes {@code file} if it is there; a null or a file that cannot go is left: a leftover is harmless. */
    static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temporary file is harmless
            }
        }
    }
}
