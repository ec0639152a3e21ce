package dev.loompatterns.core;

import dev.loompatterns.jfr.ActivityCounter;
import dev.loompatterns.jfr.Pin;
import dev.loompatterns.jfr.Recorder;
import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import jdk.jfr.Configuration;
import jdk.jfr.FlightRecorder;

/**
 * The program of every child JVM made by {@link ChildJvm.Launch#of} (run by {@link ParentWatch}, the entry
 * point of every child): runs the given main class while
 * counting its virtual threads and pins, and recording it when asked, then reports on stdout, one
 * fact a line, for the parent's row: {@value #VIRTUAL_THREADS}{@code =N},
 * {@value #PLATFORM_THREADS}{@code =N} (the most live platform threads beyond those alive when the main class
 * began, as the parent's {@code Runner} counts its own), one
 * {@value #PIN}{@code LINE} per pin ({@link Pin#toLine()}), and {@value #RECORDING}{@code =FILE}.
 *
 * <p>Arguments: the main class, then its arguments. System properties {@value #JFR_FILE},
 * {@value #JFR_SETTINGS} and {@value #JFR_NAME}: the file to record to, the {@code .jfc} to record with, and the
 * name the file takes when kept, which the recording is named for.
 */
public final class ChildMain {

    static final String VIRTUAL_THREADS = "loom-child.virtual-threads";
    static final String PLATFORM_THREADS = "loom-child.peak-platform-threads";
    static final String PIN = "loom-child.pin=";
    static final String RECORDING = "loom-child.recording";
    static final String JFR_FILE = "loom.child.jfr";
    static final String JFR_SETTINGS = "loom.child.jfc";
    /** The name {@value #JFR_FILE} takes once the parent keeps it, which the recording is named for. */
    static final String JFR_NAME = "loom.child.jfr.name";

    private ChildMain() {}

    /**
     * The recording settings the parent wrote for this child alone, deleted once read. The parent deletes them
     * too once the child has ended, but a parent killed by SIGKILL cannot, and a child that has ended by then
     * cannot either ({@link ParentWatch} deletes them for a child still starting).
     */
    private static Configuration readOnce(Path file) throws IOException, ParseException {
        try {
            return Configuration.create(file);
        } finally {
            ChildJvm.deleteQuietly(file); // else the parent deletes it when this child has ended
        }
    }

    public static void main(String[] args) throws Throwable {
        if (!FlightRecorder.isAvailable()) { // started with -XX:-FlightRecorder, say: run it, count nothing
            ParentWatch.runMain(args);
            return;
        }
        String file = System.getProperty(JFR_FILE);
        Configuration settings = file == null ? null : readOnce(Path.of(System.getProperty(JFR_SETTINGS)));
        Recorder recorder = file == null
                ? null
                : Recorder.start(
                        settings,
                        Path.of(file),
                        System.getProperty(JFR_NAME, Path.of(file).getFileName().toString()));
        // as in the parent: no counting of starts that would put them into a recording whose profile leaves them off
        try (ActivityCounter counter =
                new ActivityCounter(settings == null || ActivityCounter.recordsVirtualThreadStarts(settings)).start()) {
            PlatformThreadPeak platformThreads = PlatformThreadPeak.start();
            try {
                ParentWatch.runMain(args);
            } finally {
                int peak = platformThreads.beyondThoseBefore();
                counter.stop();
                System.out.println(VIRTUAL_THREADS + "=" + Math.max(0, counter.virtualThreadsStarted()));
                System.out.println(PLATFORM_THREADS + "=" + peak);
                counter.pins().forEach(pin -> System.out.println(PIN + pin.toLine()));
                if (recorder != null) {
                    // a parent gone moves nothing into place: the recording is discarded, or, finished just
                    // as it went, deleted
                    if (!ParentWatch.parentGone()) {
                        System.out.println(RECORDING + "=" + recorder.finish());
                    }
                    recorder.close();
                    if (ParentWatch.parentGone()) {
                        ParentWatch.deleteParentFiles();
                    }
                }
            }
        }
    }
}
