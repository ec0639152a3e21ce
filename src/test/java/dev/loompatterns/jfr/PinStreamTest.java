package dev.loompatterns.jfr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loompatterns.core.ChildJvm;
import dev.loompatterns.testing.Natives;
import dev.loompatterns.testing.PinRecording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60) // backstop only
class PinStreamTest {

    // Each sleeps in its initializer: touching it from a virtual thread pins once, the first time only, so each
    // case of the test has classes of its own.

    static final class BeforeDumped {
        static {
            PinRecorderTest.sleep();
        }

        static void touch() {}
    }

    static final class OwnDumped {
        static {
            PinRecorderTest.sleep();
        }

        static void touch() {}
    }

    static final class BeforeStopped {
        static {
            PinRecorderTest.sleep();
        }

        static void touch() {}
    }

    static final class OwnStopped {
        static {
            PinRecorderTest.sleep();
        }

        static void touch() {}
    }

    /**
     * A window reads the stream's recording (a dump of it, or, for a young stream, what the stream delivers
     * when stopped), which holds what the stream recorded for earlier windows too: of those, it passes on only
     * what came after the last window that could not pin closed. A pin of a thread that is no window's, during
     * a window that created no thread, is no later window's "other" pin. (It was one, or not, depending on
     * whether the stream had delivered it before that window closed, about a second after it was committed.)
     */
    @ParameterizedTest(name = "stream dumped from {0} ms old")
    @ValueSource(longs = {0, 86_400_000})
    void aWindowSeesItsOwnPinAndNoneFromBeforeTheLastWindowThatCouldNotPin(long youngMs) throws Exception {
        boolean dumped = youngMs == 0;
        Runnable beforeTouch = dumped ? BeforeDumped::touch : BeforeStopped::touch;
        Runnable ownTouch = dumped ? OwnDumped::touch : OwnStopped::touch;
        String before = (dumped ? BeforeDumped.class : BeforeStopped.class).getName();
        String own = (dumped ? OwnDumped.class : OwnStopped.class).getName();
        CountDownLatch go = new CountDownLatch(1);
        var already = PinRecording.alreadyRunning(go, beforeTouch::run);
        // 0: the window reads a dump of the recording; a day: it stops the stream and takes what it delivered
        try (Recording witness = witness();
                PinStream stream = new PinStream(Duration.ofMillis(youngMs), PinStream.KEPT_AT_MOST)) {
            PinStream.Window first = stream.open();
            go.countDown();
            already.join(); // its pin is committed while the first window is open: not the window's thread
            PinStream.Seen none = stream.close(first);
            assertThat(none.couldPin()).isFalse();

            PinStream.Window second = stream.open();
            Thread.ofVirtual().start(ownTouch).join();
            PinStream.Seen seen = stream.close(second);

            assertThat(seen.couldPin()).isTrue();
            assertThat(seen.pins())
                    .singleElement()
                    .satisfies(pin -> assertThat(pin.reason()).contains(own));
            assertThat(seen.otherPins()).noneMatch(pin -> pin.reason().contains(before));
            assertThat(pinReasons(witness))
                    .as("the thread that was no window's did pin, while the stream recorded")
                    .anyMatch(reason -> reason.contains(before));
        } finally {
            go.countDown(); // also when the set-up failed: the thread is joined, not left waiting
            already.close();
        }
    }

    /**
     * A recording stopped (not closed) by someone else while a window is open: its dump would hold nothing
     * after the stop, so the window would see no pin and say nothing. It fails, saying what happened, as a
     * closed one does; on both paths. Before, the dump path returned no pins and a {@code @ShouldNotPin} test
     * that pinned passed.
     */
    @ParameterizedTest(name = "stream dumped from {0} ms old")
    @ValueSource(longs = {0, 86_400_000})
    void aRecordingStoppedUnderTheStreamFailsTheWindow(long youngMs) throws Exception {
        try (PinStream stream = new PinStream(Duration.ofMillis(youngMs), PinStream.KEPT_AT_MOST)) {
            PinStream.Window window = stream.open();
            PinRecording.streamRecordings().forEach(Recording::stop);
            Thread.ofVirtual().start(() -> {}).join(); // a thread of its own: the window asks JFR
            assertThatThrownBy(() -> stream.close(window))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage(PinStream.RECORDING_CLOSED);
        }
    }

    /**
     * A stream is kept for the next window until it is {@link PinStream#KEPT_AT_MOST} old, then replaced: its
     * recording keeps every chunk until closed, which the first window that could pin would dump and read. Before, a
     * stream kept serving windows that could not pin for as long as there were such windows.
     */
    @ParameterizedTest(name = "kept at most {0} ms")
    @ValueSource(longs = {0, 86_400_000})
    void aStreamIsKeptForTheNextWindowUntilItsBound(long keptMs) {
        Set<Long> before = streamRecordings();
        try (PinStream stream = new PinStream(PinStream.YOUNG, Duration.ofMillis(keptMs))) {
            stream.close(stream.open()); // created no thread: could not pin, and the stream is kept
            Set<Long> first = streamRecordings();
            first.removeAll(before);
            assertThat(first).as("the first window's stream").hasSize(1);

            PinStream.Window second = stream.open();
            Set<Long> now = streamRecordings();
            stream.close(second);

            now.removeAll(before);
            if (keptMs == 0) {
                assertThat(now)
                        .as("a new stream, the old one closed")
                        .hasSize(1)
                        .doesNotContainAnyElementsOf(first);
            } else {
                assertThat(now).as("the same stream").isEqualTo(first);
            }
        }
    }

    /** The ids of the pin streams' recordings that run now. */
    private static Set<Long> streamRecordings() {
        return PinRecording.streamRecordings().stream()
                .map(Recording::getId)
                .collect(Collectors.toCollection(HashSet::new));
    }

    static final class OwnAmongOthers {
        static {
            PinRecorderTest.sleep();
        }

        static void touch() {}
    }

    static final class SecondAmongOthers {
        static {
            PinRecorderTest.sleep();
        }

        static void touch() {}
    }

    /**
     * A dump holds every event of the repository's chunks, another recording's too (a build's
     * {@code -XX:StartFlightRecording}: thousands a second); a window reads only the pins of it. Before, every event
     * of the dump was parsed and kept until the window closed.
     */
    @Test
    void aSnapshotKeepsOnlyThePinsOfADumpThatHoldsAnotherRecordingsEvents() throws Exception {
        try (Recording other = new Recording();
                RecordingStream stream = new RecordingStream()) {
            other.enable("jdk.ThreadSleep").withThreshold(Duration.ZERO);
            other.start();
            stream.enable("jdk.VirtualThreadPinned")
                    .withThreshold(Duration.ZERO)
                    .withStackTrace();
            PinStream.StopMark.on(stream); // keeps the chunks it has read, as the pin stream's are kept
            stream.startAsync();
            Thread.ofVirtual().start(OwnAmongOthers::touch).join();
            Thread.ofVirtual().start(SecondAmongOthers::touch).join();
            Thread.sleep(1); // not a wait: a jdk.ThreadSleep of the other recording's, on this platform thread

            List<RecordedEvent> events = PinStream.snapshot(stream);

            assertThat(events)
                    .as("only the pins, each with its own stack")
                    .map(event -> event.getEventType().getName() + " "
                            + event.getStackTrace().getFrames().stream()
                                    .map(frame -> frame.getMethod().getType().getName())
                                    .filter(type -> type.contains("AmongOthers"))
                                    .findFirst()
                                    .orElse("?"))
                    .containsExactly(
                            "jdk.VirtualThreadPinned " + OwnAmongOthers.class.getName(),
                            "jdk.VirtualThreadPinned " + SecondAmongOthers.class.getName());
            Path file = Files.createTempFile("pin-stream-test-", ".jfr");
            try {
                stream.dump(file);
                assertThat(RecordingFile.readAllEvents(file))
                        .as("the dump held the other recording's events")
                        .anyMatch(event -> event.getEventType().getName().equals("jdk.ThreadSleep"));
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Windows read from dumps write them where JFR writes, and leave nothing: no file, and no entry in the JVM's
     * delete-on-exit list, which only grows. Before, each dump went to {@code java.io.tmpdir}, which failed every such
     * window where that was no folder though JFR's repository was elsewhere ("Not a directory"), and registered its
     * file with {@code deleteOnExit}: 200 windows, 200 entries (a reviewer's findings). In a child JVM of its own.
     */
    @ParameterizedTest(name = "java.io.tmpdir a file: {0}")
    @ValueSource(booleans = {false, true})
    void windowsReadFromDumpsWriteWhereJfrWritesAndLeaveNothing(boolean tmpdirAFile, @TempDir Path dir)
            throws Exception {
        List<String> options = new java.util.ArrayList<>(List.of(
                "--enable-preview",
                "--enable-native-access=ALL-UNNAMED",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "-XX:FlightRecorderOptions:repository=" + Files.createDirectory(dir.resolve("repository"))));
        if (tmpdirAFile) {
            options.add("-Djava.io.tmpdir=" + Files.createFile(dir.resolve("not-a-folder")));
        }

        ChildJvm.Result child =
                ChildJvm.run(ChildJvm.Launch.plain(options, DumpingWindows.class, List.of()), Duration.ofMinutes(1));

        assertThat(child.exitCode()).as(child.stderr()).isZero();
        // each window read its pin from a dump (a cold JVM's first use could add one of its own)
        assertThat(child.value("pins")).as("each window's pins").matches("[1-9]\\d* [1-9]\\d* [1-9]\\d*");
        assertThat(child.value("deleteOnExit"))
                .as("entries added to the delete-on-exit list")
                .isEqualTo("0");
        assertThat(child.value("folder")).startsWith(dir.resolve("repository").toString());
        assertThat(child.value("left")).as("files left in the dump folder").isEqualTo("0");
    }

    /** Three windows that each pin once, read from dumps; prints what they saw and what they left. */
    public static final class DumpingWindows {
        public static void main(String[] args) throws Exception {
            int registered = deleteOnExitEntries();
            List<Integer> pins = new java.util.ArrayList<>();
            try (PinStream stream = new PinStream(Duration.ZERO, PinStream.KEPT_AT_MOST)) {
                for (int i = 0; i < 3; i++) {
                    PinStream.Window window = stream.open();
                    Thread.ofVirtual().start(() -> Natives.pinBelow(0)).join();
                    pins.add(stream.close(window).pins().size());
                }
            }
            Path folder = PinStream.dumpFolder();
            System.out.println("pins=" + pins.stream().map(String::valueOf).collect(Collectors.joining(" ")));
            System.out.println("deleteOnExit=" + (deleteOnExitEntries() - registered));
            System.out.println("folder=" + folder);
            try (var left = Files.list(folder)) {
                System.out.println("left=" + left.count());
            }
        }

        /** The number of files the JVM is to delete on exit ({@code java.io.DeleteOnExitHook}'s list). */
        private static int deleteOnExitEntries() throws ReflectiveOperationException {
            java.lang.reflect.Field files =
                    Class.forName("java.io.DeleteOnExitHook").getDeclaredField("files");
            files.setAccessible(true);
            return ((java.util.Collection<?>) files.get(null)).size();
        }
    }

    /** A recording of every pin beside the stream, to show that a pin the test relies on happened. */
    private static Recording witness() {
        Recording witness = new Recording();
        witness.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO);
        witness.start();
        return witness;
    }

    private static List<String> pinReasons(Recording witness) throws IOException {
        Path file = Files.createTempFile("pin-stream-test-", ".jfr");
        try {
            witness.stop();
            witness.dump(file);
            return RecordingFile.readAllEvents(file).stream()
                    .filter(event -> event.getEventType().getName().equals("jdk.VirtualThreadPinned"))
                    .map(event -> String.valueOf(event.getString("pinnedReason")))
                    .toList();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
