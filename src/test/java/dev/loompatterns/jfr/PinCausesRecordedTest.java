package dev.loompatterns.jfr;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loompatterns.core.ChildJvm;
import dev.loompatterns.testing.Background;
import dev.loompatterns.testing.Jdk21Pins;
import dev.loompatterns.testing.Natives;
import dev.loompatterns.testing.PinRecording;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pin taxonomy on real recordings: each cause made to happen on a virtual thread, recorded to a
 * file, read back with {@code RecordingFile} and classified ({@link Pin#of}). JDK 21's events have no
 * {@code pinnedReason}; an event type of our own named {@code jdk.VirtualThreadPinned}, without that
 * field, committed where a pin would be ({@link Jdk21Pins}), makes such a recording on this JDK.
 */
@Timeout(120) // backstop only
class PinCausesRecordedTest {

    static final int FEATURE = Runtime.version().feature();

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Records every pin while {@code action} runs on a virtual thread, and classifies them; what the action throws is
     * thrown here.
     */
    static List<Pin> pinsOf(Path dir, PinRecording.Action action) throws Exception {
        return read(PinRecording.record(dir.resolve("pins.jfr"), action));
    }

    static List<Pin> read(Path file) throws IOException {
        List<Pin> pins = new ArrayList<>();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (event.getEventType().getName().equals(ActivityCounter.VIRTUAL_THREAD_PINNED)) {
                    pins.add(Pin.of(event));
                }
            }
        }
        return pins;
    }

    // --- native frame: a comparator called back by libc's qsort, through FFM ---

    static int compareSleeping(MemorySegment a, MemorySegment b) {
        sleep(5);
        return Integer.compare(a.get(JAVA_INT, 0), b.get(JAVA_INT, 0));
    }

    static void sortWith(String comparator) {
        Natives.qsortWith(MethodHandles.lookup(), PinCausesRecordedTest.class, comparator);
    }

    @Test
    void blockingInAnFfmUpcallIsANativeFrame(@TempDir Path dir) throws Exception {
        assertThat(pinsOf(dir, () -> sortWith("compareSleeping"))).isNotEmpty().allSatisfy(pin -> {
            assertThat(pin.cause()).isEqualTo(PinCause.NATIVE_FRAME);
            assertThat(pin.fromStack()).isFalse();
            assertThat(pin.stack())
                    .anyMatch(frame -> frame.startsWith(PinCausesRecordedTest.class.getName() + ".compareSleeping"));
            assertThat(pin.origin(PinTaxonomy.NOT_JDK)).isEqualTo(PinOrigin.CODE);
        });
    }

    // --- a class initializer that blocks, and a thread that waits for it ---

    static final class SlowInit {
        static {
            sleep(5);
        }

        static void touch() {}
    }

    @Test
    void blockingInAnInitializerIsClassInit(@TempDir Path dir) throws Exception {
        assertThat(pinsOf(dir, SlowInit::touch)).singleElement().satisfies(pin -> {
            assertThat(pin.cause()).isEqualTo(PinCause.CLASS_INIT);
            assertThat(pin.subject()).isEqualTo(SlowInit.class.getName());
        });
    }

    /** The thread that waits for {@link Waited}'s initializer. */
    static volatile Thread waiter;

    static final CountDownLatch INITIALIZING = new CountDownLatch(1);

    /** Its initializer holds until the waiter is waiting for it. */
    static final class Waited {
        static {
            INITIALIZING.countDown();
            holdUntilWaiting();
        }
    }

    /**
     * A thread that waits for another's initializer stays RUNNABLE, but its innermost frame is
     * then {@code Class.forName0}, the native method that waits in the VM (it calls
     * {@link #initialize}): that is the state waited for. One minute is a backstop only.
     */
    static void holdUntilWaiting() {
        long backstop = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < backstop) {
            Thread w = waiter;
            StackTraceElement[] stack = w == null ? new StackTraceElement[0] : w.getStackTrace();
            if (stack.length > 0 && stack[0].getMethodName().equals("forName0")) {
                return;
            }
            Thread.onSpinWait();
        }
    }

    static void initialize(Class<?> type) {
        try {
            Class.forName(type.getName(), true, type.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void waitingForAnotherThreadsInitializerIsClassInitWaitAndAFirstUse(@TempDir Path dir) throws Exception {
        List<Pin> waits = pinsOf(dir, () -> {
                    // a platform thread runs the initializer: it needs no carrier while it holds
                    try (Background<Void> initializer = Background.start(() -> {
                        initialize(Waited.class);
                        return null;
                    })) {
                        INITIALIZING.await();
                        FutureTask<Void> waiting = new FutureTask<>(() -> initialize(Waited.class), null);
                        Thread w = Thread.ofVirtual().name("waiter").unstarted(waiting);
                        waiter = w;
                        w.start();
                        waiting.get(); // what either thread threw reaches the test thread
                        initializer.join();
                    }
                })
                .stream()
                .filter(pin -> pin.cause() == PinCause.CLASS_INIT_WAIT)
                .toList();
        assumeTrue(
                FEATURE <= 25 || !waits.isEmpty(),
                "JDK 26+ pins such waits on fewer paths (JDK-8369238); Class.forName still does");
        assertThat(waits).singleElement().satisfies(pin -> {
            assertThat(pin.thread()).isEqualTo("waiter");
            assertThat(pin.subject()).isEqualTo(Waited.class.getName());
            // a first use, even of the code's own class: whether a thread arrives during the initializer is timing
            assertThat(pin.origin(PinTaxonomy.NOT_JDK)).isEqualTo(PinOrigin.FIRST_USE);
            assertThat(pin.origin(PinTaxonomy.packages(List.of("com.example."))))
                    .isEqualTo(PinOrigin.FIRST_USE);
        });
    }

    // --- class loading: a loader that blocks, called from native code (Class.forName) ---

    @Test
    void blockingWhileAClassLoadsIsClassLoadingAndAFirstUse(@TempDir Path dir) throws Exception {
        List<Pin> pins = pinsOf(dir, Natives::loadSlowly);
        assertThat(pins).isNotEmpty().allSatisfy(pin -> {
            assertThat(pin.stack())
                    .anyMatch(frame -> frame.startsWith(Natives.SlowLoader.class.getName() + ".findClass"));
            assertThat(pin.cause()).isEqualTo(PinCause.CLASS_LOADING);
            assertThat(pin.origin(PinTaxonomy.NOT_JDK)).isEqualTo(PinOrigin.FIRST_USE);
        });
    }

    // --- the code's own: a method named as a loader's, a handler JFR's consumer API calls back ---

    /** A comparator of the code's with a loader's method name, as a reviewer's {@code SchoolRepository.findClass}. */
    static int findClass(MemorySegment a, MemorySegment b) {
        return compareSleeping(a, b);
    }

    /**
     * The code's own pins, though a frame on the stack is named as a loader's or is JFR's: before, the first was
     * class loading and the second JFR's, both never counted, and a {@code @ShouldNotPin} test passed.
     */
    @Test
    void aMethodNamedAsALoadersAndAHandlerJfrCallsBackAreTheCodes(@TempDir Path dir) throws Exception {
        Path named = PinRecording.record(dir.resolve("named.jfr"), () -> sortWith("findClass"));
        List<Pin> inFindClass = read(named);
        assertThat(inFindClass).isNotEmpty().allSatisfy(pin -> {
            assertThat(pin.stack())
                    .anyMatch(frame -> frame.startsWith(PinCausesRecordedTest.class.getName() + ".findClass"));
            assertThat(pin.cause()).isEqualTo(PinCause.NATIVE_FRAME);
            assertThat(pin.origin(PinTaxonomy.NOT_JDK)).isEqualTo(PinOrigin.CODE);
        });
        // a virtual thread replays that recording with JFR's consumer API, and the handler pins
        List<Pin> inHandler = pinsOf(dir, () -> {
                    try (EventStream events = EventStream.openFile(named)) {
                        events.onEvent(ActivityCounter.VIRTUAL_THREAD_PINNED, event -> sortWith("compareSleeping"));
                        events.start();
                    }
                })
                .stream()
                .filter(pin -> pin.stack().stream().anyMatch(frame -> frame.contains(".compareSleeping")))
                .toList();
        assertThat(inHandler).isNotEmpty().allSatisfy(pin -> {
            assertThat(pin.stack()).anyMatch(frame -> frame.startsWith("jdk.jfr."));
            assertThat(pin.cause()).isEqualTo(PinCause.NATIVE_FRAME);
            assertThat(pin.origin(PinTaxonomy.NOT_JDK)).isEqualTo(PinOrigin.CODE);
        });
    }

    // --- a held monitor: JDK 21-23 monitors, brought back by -XX:LockingMode=1 in a child JVM ---

    /** Sleeps inside synchronized on a virtual thread. */
    public static final class SleepInSynchronized {
        private static final Object LOCK = new Object();

        public static void main(String[] args) throws InterruptedException {
            Thread.ofVirtual()
                    .start(() -> {
                        synchronized (LOCK) {
                            sleep(50);
                        }
                    })
                    .join();
        }
    }

    @Test
    void blockingInsideSynchronizedWithLegacyLockingIsAMonitor(@TempDir Path dir) throws Exception {
        assumeTrue(
                FEATURE >= 24 && FEATURE <= 25,
                "-XX:LockingMode=1 brings back JDK 21-23 monitors on JDK 24 and 25 only");
        Path file = dir.resolve("monitor.jfr");
        // plain -XX:StartFlightRecording with the JDK's default settings (pins of 20 ms and more, with stacks)
        ChildJvm.Result child = ChildJvm.run(
                List.of("-XX:LockingMode=1", "-XX:StartFlightRecording:filename=" + file),
                SleepInSynchronized.class,
                List.of(),
                Duration.ofMinutes(1));
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(read(file))
                .filteredOn(pin ->
                        pin.stack().stream().anyMatch(frame -> frame.startsWith(SleepInSynchronized.class.getName())))
                .isNotEmpty()
                .allSatisfy(pin -> {
                    assertThat(pin.reason()).startsWith("Freeze or preempt failed");
                    assertThat(pin.cause()).isEqualTo(PinCause.MONITOR);
                    // the same pin as JDK 21-23 record it, with no pinnedReason or blockingOperation: a park inside
                    // synchronized, told by its stack alone (its VirtualThread.park frames), as @ShouldNotPin does
                    Pin asJdk21 = Pin.of(
                            Pin.NOT_RECORDED,
                            Pin.NOT_RECORDED,
                            pin.thread(),
                            pin.threadId(),
                            pin.carrier(),
                            pin.duration(),
                            pin.stack());
                    assertThat(asJdk21.cause())
                            .as(String.join("\n", pin.stack()))
                            .isEqualTo(PinCause.MONITOR);
                    assertThat(asJdk21.fromStack()).isTrue();
                });
    }

    // --- JDK 21's events: no pinnedReason, no blockingOperation, no carrierThread ---

    @Test
    void withoutPinnedReasonTheStackTellsTheCause(@TempDir Path dir) throws Exception {
        List<Pin> pins = pinsOf(dir, Jdk21Pins::inAnInitializerAndAnUpcall).stream()
                .filter(pin -> pin.reason().equals(Pin.NOT_RECORDED))
                .toList();

        assertThat(pins)
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(pin -> assertThat(pin.fromStack()).isTrue());
        assertThat(pins.getFirst().cause()).isEqualTo(PinCause.CLASS_INIT);
        assertThat(pins.getFirst().subject()).isEqualTo(Jdk21Pins.CommitsInItsInitializer.class.getName());
        assertThat(pins.subList(1, pins.size())).allSatisfy(pin -> {
            assertThat(pin.cause())
                    .as("the upcall stub is a hidden frame: kept for classifying")
                    .isEqualTo(PinCause.NATIVE_FRAME);
            assertThat(pin.topFrame()).startsWith(Jdk21Pins.Jdk21Pinned.class.getName() + ".commitOne");
            assertThat(pin.stack())
                    .anyMatch(frame -> frame.startsWith(Jdk21Pins.class.getName() + ".compareCommitting"));
        });
    }
}
