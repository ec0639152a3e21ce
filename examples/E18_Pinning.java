/*
 * E18 pinning: what still pins a carrier on JDK 25, and what no longer does.
 *
 * A virtual thread that blocks normally unmounts, and its carrier runs another virtual thread.
 * It "pins" when it blocks where it cannot unmount: the carrier blocks with it, and JFR records
 * a jdk.VirtualThreadPinned event with the reason. Four virtual threads each sleep 20 ms in a
 * different place, and a JFR stream in this program counts the pins of each.
 *
 * You are expected to see, on JDK 24 or later:
 *   inside an FFM upcall (native qsort calls a Java comparator)   1 pin, "Native or VM frame on stack"
 *   inside a static initializer                                   1 pin, "VM call to ...<clinit> on stack"
 *   inside synchronized                                           0 pins (JEP 491, JDK 24)
 *   holding a ReentrantLock (the fix before JEP 491)              0 pins
 * Run it with -XX:LockingMode=1 (deprecated in JDK 24, JDK-8334299; obsolete from 26, JDK-8359437;
 * so JDK 24 and 25 only) to see what JDK 21-23 did:
 * synchronized then pins too ("Freeze or preempt failed").
 */
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import jdk.jfr.consumer.RecordingStream;

public class E18_Pinning {

    static final Duration SLEEP = Duration.ofMillis(20);

    interface Blocking {
        void block() throws Throwable;
    }

    // Don't do this: sleep in a callback that native code makes.
    static int compareSleeping(MemorySegment a, MemorySegment b) {
        try {
            Thread.sleep(SLEEP);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // an exception must not escape an upcall
        }
        return Integer.compare(a.get(ValueLayout.JAVA_INT, 0), b.get(ValueLayout.JAVA_INT, 0));
    }

    // Don't do this: sleep in a static initializer.
    static final class SlowInit {
        static {
            try {
                Thread.sleep(SLEEP);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static void touch() {}
    }

    /** How long a call's thread may take at most: a backstop, far longer than its 20 ms sleep. */
    static final Duration BACKSTOP = Duration.ofSeconds(30);

    /**
     * Runs the call on one virtual thread and returns the reasons of the pins it caused. What the call
     * threw is thrown here, on main: left to the thread's default handler, it would be printed and the
     * count of pins (none, for a call that failed before it blocked) would pass for the call's.
     */
    static List<String> pinsOf(Blocking call) throws InterruptedException {
        ConcurrentLinkedQueue<String> reasons = new ConcurrentLinkedQueue<>();
        try (RecordingStream stream = new RecordingStream()) {
            stream.enable("jdk.VirtualThreadPinned")
                    .withThreshold(Duration.ZERO)
                    .withStackTrace();
            stream.onEvent("jdk.VirtualThreadPinned", e -> reasons.add(e.getString("pinnedReason")));
            stream.startAsync();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread thread = Thread.ofVirtual().start(() -> {
                try {
                    call.block();
                } catch (Throwable t) {
                    failure.set(t); // read by main after the join
                }
            });
            if (!thread.join(BACKSTOP)) {
                thread.interrupt();
                thread.join();
                throw new IllegalStateException("the call did not end within " + BACKSTOP.toSeconds() + " s");
            }
            if (failure.get() != null) {
                throw new IllegalStateException("the call failed: " + failure.get(), failure.get());
            }
            // delivers every event so far; read only after this. Alone in its JVM it returns at once;
            // on JDK 25, with another recording running, it can stall (docs/design.md, platform facts)
            stream.stop();
        }
        return List.copyOf(reasons);
    }

    public static void main(String[] args) throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle qsort = linker.downcallHandle(
                linker.defaultLookup().find("qsort").orElseThrow(),
                FunctionDescriptor.ofVoid(
                        ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
        var intPointer = ValueLayout.ADDRESS.withTargetLayout(ValueLayout.JAVA_INT);
        MethodHandle compare = MethodHandles.lookup()
                .findStatic(
                        E18_Pinning.class,
                        "compareSleeping",
                        MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class));
        Object monitor = new Object();
        ReentrantLock lock = new ReentrantLock();

        try (Arena arena = Arena.ofShared()) {
            MemorySegment comparator = linker.upcallStub(
                    compare, FunctionDescriptor.of(ValueLayout.JAVA_INT, intPointer, intPointer), arena);
            Blocking upcall = () -> {
                try (Arena local = Arena.ofConfined()) {
                    qsort.invokeExact(local.allocateFrom(ValueLayout.JAVA_INT, 2, 1), 2L, 4L, comparator);
                }
            };
            upcall.block(); // once on this platform thread, so the FFM classes are initialized before we count

            int feature = Runtime.version().feature();
            // the flag brings JDK 21-23's monitors back on 24 and 25 only: obsolete, and ignored, from 26
            // (JDK-8359437)
            boolean legacyMonitors = feature <= 25
                    && ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:LockingMode=1");
            boolean monitorsPin = feature < 24 || legacyMonitors;

            boolean ok = report("inside an FFM upcall", pinsOf(upcall), true);
            ok &= report("inside a static initializer", pinsOf(SlowInit::touch), true);
            ok &= report(
                    "inside synchronized",
                    pinsOf(
                            () -> { // BEFORE: what pinned on JDK 21-23 (no longer since JDK 24, JEP 491)
                                synchronized (monitor) {
                                    Thread.sleep(SLEEP);
                                }
                            }),
                    monitorsPin);
            ok &= report(
                    "holding a ReentrantLock",
                    pinsOf(
                            () -> { // AFTER: the JDK 21-23 migration fix
                                lock.lock();
                                try {
                                    Thread.sleep(SLEEP);
                                } finally {
                                    lock.unlock();
                                }
                            }),
                    false);
            System.out.println(
                    ok
                            ? "as documented for JDK " + feature + (legacyMonitors ? " with -XX:LockingMode=1" : "")
                            : "NOT as documented: see above");
            if (!ok) {
                throw new IllegalStateException("a place did not pin as documented: the lines above say which");
            }
        }
    }

    static boolean report(String where, List<String> reasons, boolean shouldPin) {
        System.out.printf(
                "  %-30s %d pin(s) %s%n",
                where, reasons.size(), reasons.stream().distinct().toList());
        return shouldPin == !reasons.isEmpty();
    }
}

/*
 * How to run this (from the project root, with a JDK 25):
 *
 *   java --enable-preview --enable-native-access=ALL-UNNAMED examples/E18_Pinning.java
 *
 * What JDK 21-23 did with synchronized (JDK 24 and 25 only; prints a deprecation warning):
 *
 *   java --enable-preview --enable-native-access=ALL-UNNAMED -XX:LockingMode=1 examples/E18_Pinning.java
 *
 * With a JFR recording (every pin with its stack and reason):
 *
 *   java --enable-preview --enable-native-access=ALL-UNNAMED -XX:StartFlightRecording:filename=e18.jfr,settings=jfr-profiles/pinning.jfc examples/E18_Pinning.java
 *   jfr print --events jdk.VirtualThreadPinned --stack-depth 64 e18.jfr
 *   jfr view pinned-threads e18.jfr
 *
 * The same pattern inside the harness, with every mode: ./loom run pinning --jfr p.jfr
 */
