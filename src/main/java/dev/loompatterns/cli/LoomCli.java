package dev.loompatterns.cli;

import dev.loompatterns.core.Catalogue;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.Typo;
import dev.loompatterns.core.UsageException;
import dev.loompatterns.engine.Cancellation;
import dev.loompatterns.engine.HeapWatch;
import dev.loompatterns.engine.Progress;
import dev.loompatterns.fidelity.ExampleExit;
import dev.loompatterns.jfr.AtomicFile;
import dev.loompatterns.jfr.JfrRepository;
import dev.loompatterns.jfr.RecordingSetupException;
import dev.loompatterns.jfr.ShellWord;
import dev.loompatterns.jfr.TemporaryFiles;
import dev.loompatterns.jfr.VisibleText;
import dev.loompatterns.scale.SleeperRun;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code loom} command: list the catalogue, run a pattern, compare modes, dump a run's threads,
 * scale sleepers, measure the harness's fidelity, inspect a recording.
 *
 * <p>Exit codes, the {@code EXIT_*} constants: {@link #EXIT_OK} every check passed;
 * {@link #EXIT_CHECK_FAILED} a check failed, the command ran out of heap (one line) or an unexpected
 * error; {@link #EXIT_USAGE} a usage
 * error, reported as one line that says what was wrong and what would be right;
 * {@link #EXIT_INTERRUPTED} stopped by Ctrl-C (by another signal, 128 + its number: 143 for TERM).
 */
@Command(
        name = "loom",
        mixinStandardHelpOptions = true,
        versionProvider = LoomCli.Version.class,
        description =
                "Classic threading patterns in platform, virtual and structured form, self-checking and recorded with"
                        + " JFR.",
        subcommands = {
            ListCommand.class,
            RunCommand.class,
            CompareCommand.class,
            DumpCommand.class,
            ScaleCommand.class,
            FidelityCommand.class,
            InspectCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "The ./loom launcher also runs, without the CLI: example E01 [ARGS] (a single-file example from"
                    + " examples/) and bench [JMH ARGS] (the JMH suite, built on first use).",
            "Exit codes: 0 all checks passed, 1 a check failed or an error (out of memory: one line), 2 usage"
                    + " error, 130 stopped by Ctrl-C (143 by kill's TERM).",
            "Examples:",
            "  loom compare",
            "  loom run lock-counter --mode virtual --jfr run.jfr"
        })
public final class LoomCli implements Runnable {

    /** The name of the thread that handles Ctrl-C (a shutdown hook). */
    public static final String CTRL_C_THREAD = "loom-ctrl-c";

    public static final int EXIT_OK = 0;
    public static final int EXIT_CHECK_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    /**
     * Stopped by Ctrl-C (128 + SIGINT), as shells report it. Stopped by another signal, the JVM exits with
     * 128 + that signal's number: 143 for TERM, 129 for HUP.
     */
    public static final int EXIT_INTERRUPTED = 130;

    /**
     * What the shutdown hook says at once when a signal stops loom: the hook cannot tell Ctrl-C (INT) from
     * {@code kill} (TERM) or a closed terminal (HUP), so the line names none of them alone.
     */
    static final String STOPPING_LINE = "loom: stopping on a signal (Ctrl-C, TERM or HUP): the work under way is"
            + " interrupted and its threads joined, nothing further starts, nothing half-written is kept";

    /**
     * How long Ctrl-C waits for a run to stop its threads and discard its recording. Every pattern
     * stops when interrupted ({@code CancellationTest}, which asserts that it ends, not how soon: its
     * runs end in well under this).
     */
    public static final long CANCEL_GRACE_MILLIS = 10_000;

    /**
     * The second line after a signal that came as the command finished (its recording written, its summary being
     * read): the command returned its result, the JVM exits with the signal's code all the same, and the stopping
     * line alone left a user to guess what was kept (a review: a whole recording and its summary, exit 130, and no
     * second line). Nothing where no signal came, where the command said it stopped ({@link #EXIT_INTERRUPTED}),
     * or where the heap watch stopped it.
     */
    static java.util.Optional<String> finishedFirstLine(int code) {
        if (!Cancellation.requested() || code == EXIT_INTERRUPTED || HeapWatch.tripped() != null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("loom: the work had finished when the signal came: what it printed and wrote is"
                + " whole, its checks " + (code == EXIT_OK ? "passed" : "as printed") + "; the exit is the signal's");
    }

    /**
     * Counted down once the signal hook's {@link #STOPPING_LINE} is out; null where {@link #main} installed no hook
     * (a test that calls {@link #execute}).
     */
    static volatile CountDownLatch stoppingLineOut;

    /**
     * How long {@link #awaitStoppingLine} waits at the most: the hook's thread is started at once, so a second is
     * plenty; a test of the wait makes it long, so that its steps on a loaded machine do not outlast it.
     */
    static volatile long stoppingLineWaitNanos = TimeUnit.SECONDS.toNanos(1);

    /**
     * Waits, a second at the most, for the signal hook's {@link #STOPPING_LINE}, which must come before the line
     * that says the command stopped: the hook asks the stop before it prints (a progress line shown must end first),
     * and a compare that saw the request between two cells said "interrupted" above it (a hunt: 1 time in 25). The
     * hook interrupts the command only once its line is out, so an interrupt here does not end the wait early; one
     * that comes is kept for the caller.
     */
    static void awaitStoppingLine() {
        CountDownLatch said = stoppingLineOut;
        if (said == null) {
            return;
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + stoppingLineWaitNanos;
        try {
            while (true) {
                try {
                    said.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * What the shutdown hook says when the command has not stopped within the grace (a wait no interrupt ends, or
     * millions of waiters to cancel: {@code run semaphore-pool --mode virtual --tasks 2000000 -P hold-ms=0}, 10.3 s
     * to exit 130): {@link #STOPPING_LINE} promised joined threads, and the JVM now ends without them. Before
     * 2026-12-02 it ended without a word.
     */
    static String graceOverLine(Duration grace) {
        String after = grace.toMillis() % 1000 == 0 ? grace.toSeconds() + " s" : grace.toMillis() + " ms";
        return "loom: the work had not stopped " + after
                + " after the signal (a wait that no interrupt ends, or too many threads to cancel in time); the JVM"
                + " ends it without joining its threads";
    }

    /**
     * The shutdown hook's work, for any signal that ends the JVM (INT, TERM, HUP; it cannot tell which): says so at
     * once, asks the command to stop ({@link Cancellation}), interrupts {@code main} until {@code ended} says it
     * has, and if the grace runs out first says that too, since the JVM then ends it, and deletes the files the
     * command was making ({@link TemporaryFiles}), which its own {@code finally} would have.
     */
    static void stopOnSignal(Thread main, Cancellation.Ending ended, Duration grace, PrintStream err) {
        stopOnSignal(main, ended, grace, err, new CountDownLatch(1));
    }

    /** As above; counts {@code said} down once the stopping line is out, for a line that must come after it. */
    static void stopOnSignal(
            Thread main, Cancellation.Ending ended, Duration grace, PrintStream err, CountDownLatch said) {
        Cancellation.request();
        Progress.awaitLineShown(); // the progress line being shown, if any, comes before the stopping line; none after
        // at once, before the run has stopped: a person who pressed Ctrl-C sees it was heard
        // on a terminal a progress line may be showing, without its newline: this line starts on its own
        if (Progress.stderrIsTerminal()) {
            err.println();
        }
        err.println(STOPPING_LINE);
        err.flush();
        said.countDown();
        try {
            if (!Cancellation.interruptUntilEnded(main, grace, ended)) {
                err.println(graceOverLine(grace));
                err.flush();
                TemporaryFiles.deleteBeforeTheJvmEnds(); // the command's own finally will not run
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What the heap watch says when the JVM has not ended a grace after the command, which said why it stopped, and halts
     * it then: main's last steps and the shutdown hooks need heap, and JFR's waited for a lock that a JFR thread out of
     * memory held.
     */
    static final String EXIT_HELD_UP_LINE = "loom: the JVM had not ended " + HeapWatch.GRACE.toSeconds()
            + " s after the command, its heap still full; it ends now, without its shutdown hooks";

    // set once a line about the heap has been said, or main begins the JVM's exit: the heap watch's halt then says
    // only that the exit was held up
    private static volatile boolean lastLineSaid;

    /** Says a line about the heap, and notes it was said. */
    private static void sayHeapLine(PrintWriter err, String line) {
        err.println(line);
        err.flush();
        lastLineSaid = true;
    }

    // standard error without a PrintStream's buffers, for a line already encoded, when the heap has no room left
    private static final FileOutputStream STDERR = new FileOutputStream(FileDescriptor.err);

    /**
     * The default handler for a thread's uncaught exception, in the CLI's JVM. An {@link OutOfMemoryError} is left
     * unsaid and noted ({@link HeapWatch#ranOut}): main says it in one line, where JFR's threads, out of room in a
     * run that filled the heap, printed their stack traces above it (or the JVM's "OutOfMemoryError thrown from the
     * UncaughtExceptionHandler", when even printing found no room). Anything else is printed as the JVM prints it,
     * an {@code OutOfMemoryError} of no heap's too ("unable to create native thread" is a limit of the system's, which
     * more heap does not lift). An exit that a thread of a fidelity example's called ({@link ExampleExit.Called}) is
     * left unsaid too: fidelity says it in its one line once the example's {@code main} has returned.
     */
    static void uncaught(Thread thread, Throwable e) {
        if (e instanceof OutOfMemoryError error && ofTheHeap(error)) {
            HeapWatch.ranOut();
            return;
        }
        if (e instanceof ExampleExit.Called) {
            return;
        }
        System.err.print("Exception in thread \"" + thread.getName() + "\" ");
        e.printStackTrace(System.err);
    }

    /** Whether {@code error} says the heap ran out (the JVM's messages), allocating nothing. */
    static boolean ofTheHeap(OutOfMemoryError error) {
        String message = error.getMessage();
        return message == null || message.startsWith("Java heap space") || message.startsWith("GC overhead limit");
    }

    /**
     * What {@link HeapWatch} does when a command it stopped has not ended within the grace, or the JVM not within the
     * grace after the command: says why ({@code line}, or {@code madeBefore}, a line encoded while the heap had room,
     * when making or printing it runs out of memory), and halts with {@value #EXIT_CHECK_FAILED} ({@link
     * #haltWithoutHooks}), as Ctrl-C's grace ends the JVM: an exit would run the shutdown hooks, which a full heap can
     * hang. It halts even when printing fails.
     */
    static void haltStuck(Supplier<String> line, byte[] madeBefore, PrintStream err) {
        try {
            HeapWatch.releaseReserve(); // room for the line, and the deletion
            try {
                err.println(line.get());
                err.flush();
            } catch (OutOfMemoryError noRoom) {
                STDERR.write(madeBefore); // allocates nothing, where a PrintStream wraps the line in a buffer
            }
        } catch (IOException | OutOfMemoryError nothingLeftToSayItWith) {
            // halted all the same
        } finally {
            haltWithoutHooks(EXIT_CHECK_FAILED);
        }
    }

    /**
     * Deletes the command's temporary files ({@link TemporaryFiles}: a half-written report's hidden copy, where the
     * halt came mid-write) and this JVM's JFR repository (JFR's own hook, which deletes it, is not run by a halt) and
     * halts with {@code code}, even when the deletion fails: the end of a JVM whose heap ran out, where the shutdown hooks may find no
     * room (JFR's held an exit for minutes, waiting for a lock that a JFR thread out of memory held; and runs that ran
     * out in a 64 MB heap with the serial collector left JFR's repository in the temporary folder).
     */
    static void haltWithoutHooks(int code) {
        HeapWatch.releaseReserve(); // room for the deletion, if the line has not used it
        try {
            TemporaryFiles.deleteBeforeTheJvmEnds();
        } catch (OutOfMemoryError | RuntimeException notDeleted) {
            // hidden files, and the repository below is the larger
        }
        try {
            for (int tries = 1; ; tries++) {
                try {
                    JfrRepository.deleteOwnBeforeHalt();
                    break;
                } catch (OutOfMemoryError noRoomYet) {
                    if (tries == DELETION_TRIES) {
                        break;
                    }
                    Thread.sleep(DELETION_RETRY_MILLIS); // the run's threads may still end, and free the heap
                }
            }
        } catch (InterruptedException | RuntimeException notDeleted) {
            // halted all the same
        } finally {
            Runtime.getRuntime().halt(code);
        }
    }

    /** How often, and how far apart, {@link #haltWithoutHooks} tries to delete the repository in a full heap. */
    private static final int DELETION_TRIES = 20;

    private static final long DELETION_RETRY_MILLIS = 100;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        Stdout stdout = Stdout.open();
        PrintWriter out = new PrintWriter(stdout, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        Thread.setDefaultUncaughtExceptionHandler(LoomCli::uncaught);
        // Ctrl-C: interrupt the run and give it time to join its threads and discard a half-made
        // recording, instead of letting the JVM halt in the middle of it.
        Thread main = Thread.currentThread();
        CountDownLatch finished = new CountDownLatch(1);
        // how the hook and the heap watch learn that the command has ended: main counts down once it has
        Cancellation.Ending ended = () -> finished.getCount() == 0; // a latch's await allocates: see Ending
        CountDownLatch stoppingSaid = new CountDownLatch(1);
        stoppingLineOut = stoppingSaid;
        Thread onCtrlC = new Thread(
                () -> stopOnSignal(main, ended, Duration.ofMillis(CANCEL_GRACE_MILLIS), System.err, stoppingSaid),
                CTRL_C_THREAD);
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        // made while there is room: a run's threads may still fill the heap when the error reaches main
        String named = args.length > 0 && !args[0].startsWith("-") ? args[0] : "loom";
        String outOfHeap = outOfMemoryLine(named, "", args);
        byte[] outOfHeapEncoded = (outOfHeap + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
        // a run too big for the heap is stopped as Ctrl-C stops it, while there is room left to stop it in
        Supplier<String> lastWords = () -> HeapWatch.tripped() != null ? heapFullLine(named, "", args) : outOfHeap;
        Supplier<String> exitHeldUp = () -> EXIT_HELD_UP_LINE; // both made now: the halt may find no room for a lambda
        HeapWatch heapWatch = HeapWatch.start(
                main,
                ended,
                commandEnded ->
                        haltStuck(commandEnded && lastLineSaid ? exitHeldUp : lastWords, outOfHeapEncoded, System.err));

        try {
            int code = EXIT_CHECK_FAILED;
            Throwable escaped = null;
            try {
                code = execute(Catalogue.load(), out, err, args);
            } catch (Throwable e) {
                // an Error picocli does not catch (NoClassDefFoundError; an OutOfMemoryError outside a command,
                // which execute answers itself), or a catalogue that did not load: left to escape, main would
                // die, the JVM would shut down and run the hook, which would say Ctrl-C though nobody pressed it
                // (and wait for a run that had ended)
                escaped = e;
            }
            finished.countDown();
            try {
                heapWatch.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // Ctrl-C's hook, still saying it again: the exit below ends it
            }
            boolean signalled = false;
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C came: the hook is running and returns now that the run has finished
                signalled = true;
            }
            if (escaped != null && HeapWatch.tripped() != null) {
                sayHeapLine(err, heapFullLine(named, "", args)); // not the Ctrl-C that failed() would take it for
                code = EXIT_CHECK_FAILED;
            } else if (escaped != null
                    && (escaped instanceof OutOfMemoryError || causedByOutOfMemory(escaped))
                    && !Cancellation.requested()) {
                sayHeapLine(err, outOfHeap); // execute's own line about it needed more heap still
            } else if (escaped != null) {
                // without Ctrl-C the hook is removed and says nothing; after one it has said "Ctrl-C" already,
                // and failed() reports the Error as the interruption it then is
                code = failed(escaped, err);
                if (code == EXIT_INTERRUPTED && HeapWatch.tripped() != null) { // the watch tripped after the look above
                    sayHeapLine(err, heapFullLine(named, "", args));
                    code = EXIT_CHECK_FAILED;
                }
            } else if ((signalled || Cancellation.requested()) && HeapWatch.tripped() == null) {
                // the hook's stopping line first, which it may not have printed yet (nor asked the stop)
                awaitStoppingLine();
                finishedFirstLine(code).ifPresent(err::println);
            }
            if (code == 0
                    && HeapWatch.ranOutSomewhere()) { // a thread of JFR's, or of a pattern's: the work is not whole
                sayHeapLine(err, outOfHeap);
                code = EXIT_CHECK_FAILED;
            }
            // execute flushes only when it returns: what a command printed before the Error would be lost
            out.flush();
            err.flush();
            int exitCode = stdout.exitCode(code, err);
            boolean heapRanOut = lastLineSaid || HeapWatch.tripped() != null || HeapWatch.ranOutSomewhere();
            lastLineSaid = true;
            if (heapRanOut) {
                haltWithoutHooks(exitCode);
            }
            System.exit(exitCode);
        } catch (OutOfMemoryError noRoom) {
            // main's own line, or the exit, found no room: the line made before, and a halt, as the heap watch does
            haltStuck(lastWords, outOfHeapEncoded, System.err);
        }
    }

    /** Runs the CLI with the given streams and returns the exit code (for tests and {@link #main}). */
    public static int execute(Catalogue catalogue, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new LoomCli(), new Factory(catalogue));
        // every subcommand's help lists -V (mixinStandardHelpOptions): each says the version, as loom -V does
        Version version = new Version();
        cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(version));
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // options' whole numbers as -P's (Param.wholeNumber): picocli's own took other scripts' digits ('٣'), and
        // refused the '1_000' that -P takes
        cli.registerConverter(Integer.class, LoomCli::wholeInt);
        cli.registerConverter(int.class, LoomCli::wholeInt);
        cli.setParameterExceptionHandler((e, arguments) -> {
            err.println("loom: " + oneLine(describe(e, List.of(arguments)) + hint(e.getCommandLine())));
            return EXIT_USAGE;
        });
        cli.setExecutionStrategy(parsed -> {
            refuseWordsReadAsHelp(parsed, args);
            requireOneCommandToHelpWith(parsed.subcommand());
            return new CommandLine.RunLast().execute(parsed);
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (HeapWatch.tripped() != null) {
                return outOfMemory(cli, err, args); // what failed, failed because the watch stopped it
            }
            if (e instanceof UsageException usage) { // the command it ends with pastes as it is, as heapLine's
                String line = asTyped(
                        usage.withoutCommand(), parseResult.hasSubcommand() ? parseResult.subcommand() : parseResult);
                err.println("loom: " + oneLine(line) + usage.command());
                return EXIT_USAGE;
            }
            if (e instanceof RecordingSetupException) {
                err.println("loom: " + oneLine(e.getMessage()));
                return EXIT_USAGE;
            }
            if (e instanceof SleeperRun.OutOfHeapException && !Cancellation.requested()) {
                return outOfMemory(cli, err, args); // a scale row's JVM, which has this JVM's options
            }
            if (causedByOutOfMemory(e) && !Cancellation.requested()) {
                return outOfMemory(cli, err, args);
            }
            return failed(e, err);
        });
        int code;
        try {
            code = cli.execute(helpFirst(args));
        } catch (OutOfMemoryError e) {
            // what filled the heap was the command's own, unreachable now that it has returned
            code = HeapWatch.tripped() == null && Cancellation.requested()
                    ? failed(e, err)
                    : outOfMemory(cli, err, args);
        }
        if (code == EXIT_INTERRUPTED && HeapWatch.tripped() != null) {
            code = outOfMemory(cli, err, args); // a command that said "interrupted" itself: the heap watch's interrupt
        }
        out.flush();
        err.flush();
        return code;
    }

    /**
     * {@code loom --help run} as {@code loom help run}, as git's {@code --help log}: picocli would print the main
     * help, its {@code --help} standing before the command.
     */
    static String[] helpFirst(String... args) {
        if (args.length > 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            String[] asked = args.clone();
            asked[0] = "help";
            return asked;
        }
        return args;
    }

    /**
     * Says in one line that the command needed more heap than the JVM has, how much it had and how to
     * give it more (the launcher passes {@code LOOM_JAVA_OPTS} to the JVM), or, where {@link HeapWatch} stopped it
     * before the heap ran out, how full a collection left it; returns {@link #EXIT_CHECK_FAILED} either way: the work
     * was not done.
     */
    private static int outOfMemory(CommandLine cli, PrintWriter err, String... args) {
        CommandLine.ParseResult parsed = cli.getParseResult();
        CommandLine.ParseResult command = parsed == null ? null : parsed.subcommand();
        String name = command == null ? "loom" : command.commandSpec().name();
        String doing =
                command != null && command.commandSpec().userObject() instanceof LoomCommand c ? c.doingInWords() : "";
        sayHeapLine(
                err,
                HeapWatch.tripped() != null ? heapFullLine(name, doing, args) : outOfMemoryLine(name, doing, args));
        return EXIT_CHECK_FAILED;
    }

    /** The line {@link #outOfMemory} prints once the heap watch stopped the command. */
    private static String heapFullLine(String name, String doing, String... args) {
        if (HeapWatch.ranOutSomewhere()) { // the watch stopped it, but only once a thread had died of it
            return outOfMemoryLine(name, doing, args);
        }
        return heapLine(
                name + " stopped" + doing + " before the heap ran out: "
                        + HeapWatch.tripped().inWords() + " was still in use after a collection",
                args);
    }

    /** The line {@link #outOfMemory} prints: the heap the JVM has, and the command again with more. */
    static String outOfMemoryLine(String name, String doing, String... args) {
        return heapLine(
                name + " ran out of memory" + doing + " (the JVM's heap is "
                        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB)",
                args);
    }

    /**
     * "loom: " and {@code what}, then how to run the command again with more heap: the launcher as it was called (a
     * path, pasted from another folder, where {@code ./loom} named none), and the heap in {@code _JAVA_OPTIONS} where
     * that sets one, as it wins over the command line: {@code LOOM_JAVA_OPTS=-Xmx2g} there changed nothing, and the
     * line said the same again.
     */
    private static String heapLine(String what, String... args) {
        String again = againWithMoreHeap(
                Runtime.getRuntime().maxMemory(),
                System.getenv("LOOM_JAVA_OPTS"),
                System.getenv("_JAVA_OPTIONS"),
                dev.loompatterns.engine.Notes.loomCommand(),
                args);
        // the command after oneLine, which would write its backslashes twice: ShellWord leaves no control character in
        // it ($'a\012b' for a newline), so it stays one line and pastes as it is
        return "loom: " + oneLine(what) + "; give it more: " + again;
    }

    /**
     * The command again with twice {@code heap}: in {@code _JAVA_OPTIONS} ({@code javaOptions}) where that sets the
     * heap, else in {@code LOOM_JAVA_OPTS} ({@code loomJavaOpts}), each one's other options kept; then the launcher
     * and the arguments, each a shell word.
     */
    static String againWithMoreHeap(
            long heap, String loomJavaOpts, String javaOptions, String launcher, String... args) {
        boolean overriding = javaOptions != null && setsHeap(javaOptions);
        StringBuilder again = new StringBuilder((overriding ? "_JAVA_OPTIONS=" : "LOOM_JAVA_OPTS=")
                + ShellWord.of(withHeap(overriding ? javaOptions : loomJavaOpts, moreHeap(heap))) + " " + launcher);
        for (String arg : args) {
            again.append(' ').append(ShellWord.of(arg));
        }
        return again.toString();
    }

    /**
     * Whether {@code e} was caused by an {@code OutOfMemoryError}: try-with-resources whose resource's close throws the
     * very error its block threw (the JVM's preallocated one, once the heap is full) throws "Self-suppression not
     * permitted" with that error as its cause, and {@code loom run thread-basics --mode virtual --tasks 200000} in a
     * 16 MB heap said "unexpected error: java.lang.IllegalArgumentException: Self-suppression not permitted".
     */
    static boolean causedByOutOfMemory(Throwable e) {
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && depth < 32; depth++, cause = cause.getCause()) {
            if (cause instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /**
     * The user's {@code LOOM_JAVA_OPTS} with its heap option replaced by {@code heap}, or {@code heap}
     * alone: the options a user set for a scale row (a scheduler's parallelism, a GC) stay in the
     * command to copy, where they used to be dropped.
     */
    static String withHeap(String options, String heap) {
        if (options == null || options.isBlank()) {
            return heap;
        }
        List<String> kept = new ArrayList<>();
        for (String option : options.strip().split("\\s+")) {
            if (!isHeapOption(option)) {
                kept.add(option);
            }
        }
        kept.add(heap);
        return String.join(" ", kept);
    }

    /** Whether {@code options} (words) set the heap's size. */
    static boolean setsHeap(String options) {
        return java.util.Arrays.stream(options.strip().split("\\s+")).anyMatch(LoomCli::isHeapOption);
    }

    private static boolean isHeapOption(String option) {
        return option.startsWith("-Xmx") || option.startsWith("-XX:MaxHeapSize=");
    }

    /** A heap to try next: twice this one, in whole gigabytes, and at least 2 GB. */
    static String moreHeap(long heapBytes) {
        long gigabyte = 1L << 30;
        return "-Xmx" + Math.max(2, (2 * heapBytes + gigabyte - 1) / gigabyte) + "g";
    }

    /** Whether {@code e} ended the command because it was asked to stop (Ctrl-C, a TERM), not because it failed. */
    static boolean stopped(Throwable e) {
        return e instanceof InterruptedException || Cancellation.requested();
    }

    /**
     * Says on {@code err} how a run failed that neither a check nor bad input explains, and returns
     * the exit code: {@link #EXIT_INTERRUPTED} after Ctrl-C (whatever failed then failed because the
     * JVM is shutting down: JFR stops its recordings), else {@link #EXIT_CHECK_FAILED}, in one line:
     * a file the file system refused ({@link AtomicFile.NotWritten}, anywhere in the causes) as the
     * file and the reason, anything else as an unexpected error, with the stack trace only if
     * {@code LOOM_STACKTRACE} is set. Stopped by the heap watch, it says nothing and returns
     * {@link #EXIT_INTERRUPTED}: the caller gives the heap's line instead.
     */
    static int failed(Throwable e, PrintWriter err) {
        if (stopped(e)) {
            if (HeapWatch.tripped() != null) {
                // the heap watch's stop, not Ctrl-C: execute says so in its one line. Asked after the request, which
                // the watch makes once it has tripped: an OutOfMemoryError taken for the command's own when the watch
                // had not yet tripped reached here after it had, and said "interrupted" above the heap's line
                return EXIT_INTERRUPTED;
            }
            awaitStoppingLine();
            err.println("loom: interrupted; what ran has stopped and joined its threads, and nothing half-written"
                    + " (a recording, a report, a dump) is kept");
            return EXIT_INTERRUPTED;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof AtomicFile.NotWritten notWritten) { // the disk's, not loom's: one line says it
                err.println("loom: " + oneLine(notWritten.getMessage()));
                return EXIT_CHECK_FAILED;
            }
        }
        err.println("loom: unexpected error: " + oneLine(e.toString()));
        if (System.getenv("LOOM_STACKTRACE") != null) {
            e.printStackTrace(err);
        } else {
            err.println("loom: set LOOM_STACKTRACE=1 to see the stack trace");
        }
        return EXIT_CHECK_FAILED;
    }

    /**
     * Refuses a word after the command that {@code loom help} describes, or an option of none: picocli's help leaves
     * what it does not take unmatched, without a word, so {@code loom help run 5} printed run's help as if the 5 were
     * not there, and {@code loom help -x} the main help, exit 0.
     */
    private static void requireOneCommandToHelpWith(CommandLine.ParseResult command) {
        if (command != null
                && command.commandSpec().userObject() instanceof CommandLine.HelpCommand
                && !command.unmatched().isEmpty()
                && (namesACommand(command) || words(command).isEmpty())) { // 'help nosuch x': help says 'nosuch' first
            throw new CommandLine.UnmatchedArgumentException(
                    command.commandSpec().commandLine(), command.unmatched());
        }
    }

    /**
     * Refuses a word that picocli read as {@code -h} or {@code -V} followed by other letters: it takes {@code -hx} as
     * {@code -h -x}, so {@code loom inspect -hello.jfr} printed the help, exit 0, and read no file. {@code -h},
     * {@code -V}, {@code -hV} and {@code -Vh} stay what they are; a word after {@code --} is a name, not an option.
     */
    private static void refuseWordsReadAsHelp(CommandLine.ParseResult parsed, String... args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return;
            }
            if (arg.length() > 2
                    && arg.startsWith("-")
                    && !arg.startsWith("--")
                    && (arg.charAt(1) == 'h' || arg.charAt(1) == 'V')
                    && !arg.matches("-[hV]+")) {
                CommandLine.ParseResult last = parsed;
                while (last.subcommand() != null) {
                    last = last.subcommand();
                }
                throw new CommandLine.UnmatchedArgumentException(
                        last.commandSpec().commandLine(), List.of(arg));
            }
        }
    }

    /** Whether {@code help}'s word names one of the CLI's commands: 'run' does, 'nosuch' does not. */
    private static boolean namesACommand(CommandLine.ParseResult help) {
        List<String> words = words(help);
        return !words.isEmpty() && help.commandSpec().parent().subcommands().containsKey(words.getFirst());
    }

    /** The words {@code help} took: the command it describes, if one was given. */
    private static List<String> words(CommandLine.ParseResult help) {
        return help.matchedPositionals().stream()
                .flatMap(positional -> positional.stringValues().stream())
                .toList();
    }

    /**
     * {@code text} as one line: a control character that a name brought in (a file name with a newline, an argument
     * with an escape) is written as in a Java string, a backslash and {@code n}, {@code r}, {@code t}, or {@code u} and
     * four hex digits, so that the line a message is ("loom: " and what was wrong) is not split in two, nor read by the
     * terminal as a command. A backslash is written twice, as a Java string has it: a name with a newline and one with
     * a backslash and an {@code n} were written alike. So it is applied once to a message, never to its own result.
     */
    static String oneLine(String text) {
        StringBuilder line = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c <= Character.MAX_VALUE
                            && VisibleText.isControl((char) c)) { // bidi overrides too, as the reports'
                        line.append(String.format(Locale.ROOT, "\\u%04x", c));
                    } else {
                        line.appendCodePoint(c);
                    }
                }
            }
        });
        return line.toString();
    }

    /** Whether {@code --jfr} stood alone, so that it took the next word: not {@code --jfr=FILE}, where the user chose. */
    private static boolean jfrTookTheNextWord(CommandLine where) {
        CommandLine.ParseResult parsed = where.getParseResult();
        return parsed == null || parsed.originalArgs().contains("--jfr");
    }

    /** What the launcher runs itself, without this CLI: {@code ./loom example E01}, {@code ./loom bench}. */
    static final List<String> LAUNCHER_COMMANDS = List.of("example", "bench");

    /**
     * The commands a user can give where {@code where} takes one: its subcommands, and at the top the
     * launcher's own too, which a new user missed in the list after a mistyped command.
     */
    private static List<String> commands(CommandLine where) {
        List<String> commands = new java.util.ArrayList<>(where.getSubcommands().keySet());
        if (where.getParent() == null) {
            commands.addAll(
                    commands.indexOf("help") < 0 ? commands.size() : commands.indexOf("help"), LAUNCHER_COMMANDS);
        }
        return commands;
    }

    /** An option as typed, without the value given with {@code =}: {@code --mode} of {@code --mode=virtual}. */
    private static String optionName(String word) {
        int equals = word.indexOf('=');
        return equals < 0 ? word : word.substring(0, equals);
    }

    /**
     * The other commands that take the option {@code word} names, in words ("run and dump do"), or null where none
     * does: an option of {@code run} given to {@code scale} is no typo, and the nearest of scale's own names misled.
     */
    private static String takenByOtherCommands(CommandLine where, String word) {
        if (where.getParent() == null || !word.startsWith("-")) {
            return null;
        }
        String name = optionName(word);
        List<String> others = where.getParent().getSubcommands().entrySet().stream()
                .filter(entry -> entry.getValue() != where
                        && entry.getValue().getCommandSpec().optionsMap().containsKey(name))
                .map(java.util.Map.Entry::getKey)
                .toList();
        if (others.isEmpty()) {
            return null;
        }
        String last = others.getLast();
        return (others.size() == 1
                ? last + " does"
                : String.join(", ", others.subList(0, others.size() - 1)) + " and " + last + " do");
    }

    /** Whether {@code word} is a pattern's id or the number {@code loom list} shows beside it. */
    private static boolean namesAPattern(String word) {
        Catalogue catalogue = Catalogue.load();
        return catalogue.ids().contains(word)
                || LoomCommand.numbered(catalogue, word).isPresent();
    }

    /** Whether a file (or folder) of this name is in the working folder, or at this path. */
    private static boolean fileNamed(String word) {
        try {
            return java.nio.file.Files.exists(java.nio.file.Path.of(word));
        } catch (java.nio.file.InvalidPathException notAName) {
            return false;
        }
    }

    /**
     * picocli's message in one line, with a suggestion for a mistyped command or option; {@code typed} is the
     * command line as given, for the name an option was typed with ({@code -P} or {@code --param}).
     */
    static String describe(CommandLine.ParameterException e, List<String> typed) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty()) {
            String word = unmatched.getUnmatched().getFirst();
            List<String> suggestions = unmatched.getSuggestions();
            boolean command = !word.startsWith("-")
                    && unmatched.getCommandLine().getSubcommands().size() > 0;
            String what = command ? "no command '" + word + "'" : "unknown option or argument '" + word + "'";
            int endOfOptions = typed.indexOf("--");
            if (!command
                    && word.startsWith("-")
                    && endOfOptions >= 0
                    && typed.subList(endOfOptions + 1, typed.size()).contains(word)) {
                // 'loom run ID -- --jfr': said "run takes no --jfr (...)" or "did you mean '--jfr'?"
                return "unexpected argument '" + word + "' after '--', which ends the options: give "
                        + unmatched.getCommandLine().getCommandName() + "'s options before it";
            }
            Object one = unmatched.getCommandLine().getCommand();
            if (!command
                    && (one instanceof RunCommand || one instanceof DumpCommand)
                    && namesAPattern(word)) { // 'loom run lock-counter thread-basics', 'loom run 6 1'
                return what + ": " + unmatched.getCommandLine().getCommandName()
                        + " takes one pattern; 'loom compare ID ID...' runs several";
            }
            if (!command && word.startsWith("-") && fileNamed(word)) { // 'loom inspect -p.jfr', a file of that name
                return what + ": a file of that name is here; give it as './" + word + "', or after '--'";
            }
            String elsewhere = command ? null : takenByOtherCommands(unmatched.getCommandLine(), word);
            if (elsewhere != null) { // 'loom scale --mode virtual' suggested '--wide'
                return what + ": " + unmatched.getCommandLine().getCommandName() + " takes no " + optionName(word)
                        + " (" + elsewhere + ")";
            }
            // picocli's first suggestion can be far off ('lsit' gave 'fidelity'): the nearest by edits, if near; a
            // long option's, among the long names ('--csv' gave '-V', two letters dropped)
            List<String> candidates = command
                    ? commands(unmatched.getCommandLine())
                    : word.startsWith("--")
                            ? unmatched.getCommandLine().getCommandSpec().optionsMap().keySet().stream()
                                    .filter(name -> name.startsWith("--"))
                                    .toList()
                            : suggestions;
            String nearest = Typo.nearest(word, candidates);
            if (nearest != null) {
                return what + "; did you mean '" + nearest + "'?";
            }
            return command
                    ? what + "; the commands are " + String.join(", ", commands(unmatched.getCommandLine()))
                    : what;
        }
        // 'loom help nosuch': picocli's help command says "Unknown subcommand 'nosuch'."; say it as 'loom nosuch' does
        Matcher unknownHelp = UNKNOWN_SUBCOMMAND.matcher(firstLine(e.getMessage()));
        if (unknownHelp.matches()) {
            return "no command '" + unknownHelp.group(1) + "'; the commands are "
                    + String.join(", ", commands(e.getCommandLine()));
        }
        // 'loom inspect -p.jfr', 'loom inspect --fromat': picocli said "Missing required parameter: 'FILE'", where the
        // first thing wrong is the word it could not match, which the user may have meant as the file
        if (e instanceof CommandLine.MissingParameterException
                && !e.getCommandLine().getUnmatchedArguments().isEmpty()) {
            return describe(
                    new CommandLine.UnmatchedArgumentException(
                            e.getCommandLine(), e.getCommandLine().getUnmatchedArguments()),
                    typed);
        }
        // 'loom run --jfr lock-counter': --jfr's optional value took the id, and picocli says the id is missing
        if (e instanceof CommandLine.MissingParameterException
                && e.getCommandLine().getCommand() instanceof RunCommand run
                && run.jfr != null
                && !run.jfr.isBlank()
                && jfrTookTheNextWord(e.getCommandLine())) {
            List<String> ids = Catalogue.load().ids();
            String id = ids.contains(run.jfr) ? run.jfr : Typo.nearest(run.jfr, ids);
            return "no pattern id: '" + run.jfr + "' was read as --jfr's file; put --jfr after the id"
                    + (id == null ? "" : " ('loom run " + id + " --jfr')") + " or give the file with '=' (--jfr=FILE)";
        }
        // 'loom run', 'loom run 1 --mode': picocli said "Missing required parameter: 'ID'" (or "... for option
        // '--mode' (M)"), a label and a capital letter unlike every other refusal
        if (e instanceof CommandLine.MissingParameterException missing
                && missing.getMissing().size() == 1) {
            CommandLine.Model.ArgSpec arg = missing.getMissing().getFirst();
            if (arg instanceof CommandLine.Model.OptionSpec option) {
                // "Expected parameter for option '--modes' but found '--variants=v'": the next option came first
                Matcher found = OPTION_FOUND.matcher(e.getMessage().strip());
                return "option '" + typedName(option, typed) + "' needs a value (" + option.paramLabel() + ")"
                        + (found.matches() ? ", not the next option '" + found.group(1) + "'" : "");
            }
            String what = String.join(" ", arg.description()).replaceFirst(" \\(see '[^)]*'\\)$", "");
            return e.getCommandLine().getCommandName() + " needs " + arg.paramLabel() + ", " + what;
        }
        // picocli names a --param option "option '--param'" in some messages: one word is enough
        // the whole message, a newline of the value's kept (the caller writes it as \n: its first line alone cut the
        // value, "but was 'a"), matched with DOTALL; not made one line here, or the caller's oneLine would double the
        // backslash of each escape
        String message = e.getMessage().strip().replace("option option", "option");
        Matcher choice = ENUM_CHOICE.matcher(message);
        if (choice.matches()) {
            return "option '" + choice.group(1) + "' is one of "
                    + choice.group(2).toLowerCase(Locale.ROOT) + ", not '" + choice.group(3) + "'";
        }
        // picocli's "Invalid value ... is not an int", in the words of the project's other refusals
        Matcher number = NOT_A_NUMBER.matcher(message);
        if (number.matches()) {
            return "option '" + number.group(1) + "' takes a whole number in its range, not '" + number.group(2) + "'";
        }
        // a folder's name for a file (FileName): "Invalid value for option '--out': 'x/' ends with '/', ...", where
        // run's --jfr says "--jfr 'x/' ends with '/', ..."
        Matcher folder = FOLDER_FOR_A_FILE.matcher(message);
        if (folder.matches()) {
            return folder.group(1) + " " + folder.group(2);
        }
        return message;
    }

    /**
     * The name the option was typed with, the last of its names on the command line: picocli names it by its longest
     * ({@code --param} for {@code -P}).
     */
    private static String typedName(CommandLine.Model.OptionSpec option, List<String> typed) {
        List<String> names = List.of(option.names());
        return typed.reversed().stream().filter(names::contains).findFirst().orElse(option.longestName());
    }

    /**
     * An option's whole number, as {@link Param#wholeNumber} takes it, within an {@code int}. One beyond an int is taken
     * as the int nearest it, which no option's range holds, so that the command refuses it naming the range, as it
     * refuses a number just past it ("--tasks must be from 1 to 5000000"; picocli's refusal said "in its range", and
     * named none); {@link #asTyped} writes it back as typed.
     */
    static Integer wholeInt(String value) {
        if (!Param.isWholeNumber(value)) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not an int"); // as picocli says it
        }
        try {
            return Math.toIntExact(Param.wholeNumber(value));
        } catch (NumberFormatException | ArithmeticException beyondAnInt) {
            return value.strip().startsWith("-") ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        }
    }

    /**
     * A usage line with the number of an option that {@link #wholeInt} took as the int nearest it written as it was
     * typed: "--tasks must be from 1 to 5000000, got 99999999999", not "got 2147483647". The line is the option's own
     * where it begins with the option's name, as each range check's does.
     */
    static String asTyped(String line, CommandLine.ParseResult command) {
        for (CommandLine.Model.OptionSpec option : command.matchedOptions()) {
            if (option.getValue() instanceof Integer taken
                    && (taken == Integer.MAX_VALUE || taken == Integer.MIN_VALUE)
                    && List.of(option.names()).stream().anyMatch(name -> line.startsWith(name + " "))) {
                String typed = option.originalStringValues().getLast().strip();
                return line.replaceFirst("(?<![\\d-])" + taken + "(?!\\d)", Matcher.quoteReplacement(typed));
            }
        }
        return line;
    }

    /** picocli's words around {@link LoomCommand#folderName}'s: {@code --out x/}. */
    private static final Pattern FOLDER_FOR_A_FILE = Pattern.compile(
            "Invalid value for option '(\\S+)'(?: \\([^)]*\\))?: ('.*' ends with '.', as a folder's name does; .*)",
            Pattern.DOTALL);

    /** picocli's refusal of a value for an int option (every number option is one): {@code --tasks abc}. */
    private static final Pattern NOT_A_NUMBER =
            Pattern.compile("Invalid value for option '(\\S+)'(?: \\([^)]*\\))?: '(.*)' is not an int", Pattern.DOTALL);

    /**
     * picocli's refusal of a value for an enum option, which lists the choices by their constants'
     * names ({@code [TABLE, CSV]}); the help and the docs give them in lower case. For an option
     * that splits its value ({@code --modes M,...}) picocli adds the parameter's label after the name,
     * {@code option '--modes' (M):}.
     */
    private static final Pattern ENUM_CHOICE = Pattern.compile(
            "Invalid value for option '(\\S+)'(?: \\([^)]*\\))?: expected one of \\[([A-Z]+(?:, [A-Z]+)*)\\]"
                    + " \\(case-insensitive\\) but was '(.*)'",
            Pattern.DOTALL);

    /** picocli's refusal of an option whose value is missing because another option follows it. */
    private static final Pattern OPTION_FOUND =
            Pattern.compile("Expected parameter for option '\\S+' but found '(.*)'", Pattern.DOTALL);

    private static final Pattern UNKNOWN_SUBCOMMAND = Pattern.compile("Unknown subcommand '(.*)'\\.");

    private static String hint(CommandLine where) {
        String name = where.getCommandSpec().qualifiedName();
        return " (see '" + name + " --help')";
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Gives every command the same catalogue. */
    private record Factory(Catalogue catalogue) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            K made = CommandLine.defaultFactory().create(type);
            if (made instanceof LoomCommand command) {
                command.catalogue = catalogue;
            }
            return made;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LoomCli.class.getPackage().getImplementationVersion();
            return new String[] {
                "loom-patterns " + (version == null ? "(development build)" : version),
                "JVM: " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }

    /**
     * The CLI's standard output, which keeps the first error a write met: the {@code PrintWriter} the commands print
     * through swallows it, so {@code loom inspect p.jfr --format json > p.json} on a full disk left a report cut short
     * and exited 0 (as did {@code loom list > /dev/full}), where {@code --out} says so and exits 1.
     */
    static final class Stdout extends FilterOutputStream {

        /** Written by the thread that prints, read by main once the command has returned. */
        private volatile IOException refused;

        /** Whether the output is a pipe or a socket, whose write fails only when its reader has gone. */
        private final boolean pipe;

        Stdout(OutputStream out, boolean pipe) {
            super(out);
            this.pipe = pipe;
        }

        /** The process's standard output. */
        static Stdout open() {
            return new Stdout(new FileOutputStream(FileDescriptor.out), AtomicFile.isPipe(Path.of("/dev/stdout")));
        }

        private interface Write {
            void run() throws IOException;
        }

        private void keeping(Write write) throws IOException {
            try {
                write.run();
            } catch (IOException e) {
                if (refused == null) {
                    refused = e;
                }
                throw e;
            }
        }

        @Override
        public void write(int b) throws IOException {
            keeping(() -> out.write(b));
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            keeping(() -> out.write(bytes, offset, length));
        }

        @Override
        public void flush() throws IOException {
            keeping(out::flush);
        }

        /**
         * The exit code once the command's output is flushed: a write the standard output refused (a full disk, a file
         * too large) is said in one line, and the command fails ({@link #EXIT_CHECK_FAILED}) unless it had
         * failed already. A pipe whose reader stopped reading ({@code loom compare | head -3}) wanted no more: that
         * changes nothing, as before.
         */
        int exitCode(int code, PrintWriter err) {
            IOException failure = refused;
            if (failure == null || pipe || String.valueOf(failure.getMessage()).contains("Broken pipe")) {
                return code;
            }
            err.println("loom: the standard output refused what loom wrote ("
                    + oneLine(String.valueOf(failure.getMessage())) + "): what it holds is cut short");
            err.flush();
            return code == EXIT_OK ? EXIT_CHECK_FAILED : code;
        }
    }
}
