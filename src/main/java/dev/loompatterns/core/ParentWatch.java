package dev.loompatterns.core;

import dev.loompatterns.jfr.JfrRepository;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The entry point of every child JVM that {@link ChildJvm} starts: it runs the given main class, and ends
 * this JVM when the JVM that started it is gone. A parent stopped by Ctrl-C or TERM stops its children
 * itself; a parent killed by SIGKILL (or by the kernel's out-of-memory killer) runs nothing, so only the
 * child can notice.
 *
 * <p>How it notices: the parent keeps its end of the child's stdin open, writes nothing to it, and closes it
 * only once the child has ended. The kernel closes it when the parent's process ends, however it ends, and
 * the read here then returns end-of-file at once. The JDK's process launch closes every other descriptor in
 * a new process, so no other child holds that end open. The watch is one platform daemon thread blocked in
 * that read: it keeps no JVM alive, wakes for nothing else, and is no virtual thread (not one of the
 * child's {@code virtual_threads}); started before the main class runs, it is there before anything the
 * child measures begins.
 *
 * <p>When the parent is gone, the child deletes the files the parent made for it and only the parent would
 * have removed ({@link #deleteParentFiles}; its output files lost their names once it started), keeps no
 * recording ({@link #parentGone}), then exits with
 * {@value #EXIT_PARENT_GONE} through its shutdown hooks, so JFR deletes its repository; hooks still running
 * after {@link ChildJvm#STOP_GRACE} are cut short by a halt, which deletes the repository itself first.
 *
 * <p>Arguments: the main class, then its arguments.
 */
public final class ParentWatch {

    /** The exit status of a child whose parent is gone: 128 + HUP's number, the CLI's own when its terminal goes. */
    static final int EXIT_PARENT_GONE = 129;

    private ParentWatch() {}

    public static void main(String[] args) throws Throwable {
        // the way out of a JVM whose heap is full, made ready while it has room: see leave()
        Class.forName("java.lang.Shutdown");
        runtime = Runtime.getRuntime();
        Thread watch = new Thread(new Watch(), "loom-parent-watch");
        watch.setDaemon(true);
        watch.start();
        runMain(args);
    }

    /**
     * The watch: a class, not a lambda, so that a child that has made none is not made to spin one before
     * its main runs (a scale row's peak memory).
     */
    private static final class Watch implements Runnable {
        @Override
        public void run() {
            if (endOfInput(new FileInputStream(FileDescriptor.in))) {
                leave();
            }
        }
    }

    /** This JVM's {@link Runtime}, taken before the main class runs; see {@link #leave}. */
    private static Runtime runtime;

    /** Set once the parent is gone: a child then keeps no recording (no one would move it into place). */
    private static volatile boolean parentGone;

    /** Whether the JVM that started this one is gone. */
    static boolean parentGone() {
        return parentGone;
    }

    /**
     * Runs {@code args[0]}'s {@code main} with the rest of {@code args}, as the {@code java} launcher would: a
     * public {@code main} of a class that need not be public, its exception thrown as itself.
     */
    static void runMain(String[] args) throws Throwable {
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        main.setAccessible(true); // a test's nested class, not public, in another package
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * Blocks until {@code in} ends: true at its end (the parent's end closed), false if it cannot be read (the
     * child then goes on unwatched, rather than end with a parent that may be there). The parent sends nothing;
     * whatever comes is passed over.
     */
    private static boolean endOfInput(InputStream in) {
        byte[] ignored = new byte[64];
        try {
            while (in.read(ignored) >= 0) {
                // not an end
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Ends this JVM through its shutdown hooks, or halts it after {@link ChildJvm#STOP_GRACE}; at once where its heap
     * has no room for the way out.
     *
     * <p>A child whose heap is full of what it holds stayed once its parent was killed (ChildJvmTest; a {@code loom
     * scale} row's JVM too big for its heap was found collecting seven minutes after a test had killed its parent):
     * each step here met an {@code OutOfMemoryError}, and the last, the halt, ended this thread alone. Printing, making
     * the thread that exits and loading a class take heap; so does this class's first use of another, through its
     * loader, which is Java code. So {@link #main} loads {@code java.lang.Shutdown} (where {@code halt} runs; the JDK
     * loads it only on the way out) and takes {@link #runtime} while the heap has room, and the halt needs none.
     */
    private static void leave() {
        parentGone = true;
        try {
            System.err.println("loom: the JVM that started this one has ended; this one ends too");
            deleteParentFiles();
            Thread.ofPlatform().daemon().start(() -> System.exit(EXIT_PARENT_GONE));
            Thread.sleep(ChildJvm.STOP_GRACE);
        } catch (InterruptedException | OutOfMemoryError haltNow) {
            // halt now
        }
        try {
            JfrRepository.deleteOwnBeforeHalt(); // JFR's hook may be the one that never ends
        } catch (OutOfMemoryError noRoom) {
            // a repository left in the temporary folder, rather than a JVM left running
        }
        runtime.halt(EXIT_PARENT_GONE); // a shutdown hook that never ends, as a stopped child's is killed
    }

    /**
     * Deletes the files the parent made for this child and only the parent would have removed: the
     * recording's settings ({@link ChildMain#JFR_SETTINGS}, if {@link ChildMain} has not yet read and deleted
     * them) and the hidden file the recording waits in ({@link ChildMain#JFR_FILE}), each named by a property
     * of its own (a list joined by the path separator split a folder named with a ':' into other files).
     */
    static void deleteParentFiles() {
        for (String property : new String[] {ChildMain.JFR_SETTINGS, ChildMain.JFR_FILE}) {
            String file = System.getProperty(property);
            if (file != null) {
                ChildJvm.deleteQuietly(Path.of(file));
            }
        }
    }
}
