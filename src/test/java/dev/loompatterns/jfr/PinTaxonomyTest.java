package dev.loompatterns.jfr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The classifier on the stacks and reasons JDK 25 recorded for each cause (copied from real
 * events: the catalogue's pins and those of cold JVMs), and on JDK 21-shaped events, which have no
 * {@code pinnedReason}. {@link PinCausesRecordedTest} classifies real recordings.
 */
class PinTaxonomyTest {

    static final Predicate<String> OWN = PinTaxonomy.packages(List.of("com.example."));

    /**
     * A prefix no class's name can start with is refused: as {@code PinRecorder.start}'s own code, "com.example.*"
     * made every initializer of the program's a first use, never counted, so its blocking passed {@code
     * assertNoPins}.
     */
    @Test
    void aPrefixNoClassCanStartWithIsNotOwnCode() {
        for (String wrong : List.of("com.example.*", "com/example", "", " com.example")) {
            assertThatThrownBy(() -> PinTaxonomy.packages(List.of("org.ok.", wrong)))
                    .as(wrong)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("\"" + wrong + "\" is not a package name");
        }
        assertThatThrownBy(() -> PinTaxonomy.packages(List.of(PinTaxonomy.class.getName())))
                .as("a class the thread's class loader loads")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("\"dev.loompatterns.jfr.PinTaxonomy\" is a class, not a package (give"
                        + " \"dev.loompatterns.jfr\")");
        assertThat(PinTaxonomy.packages(List.of("com.example", "com.example.", "com.example.Foo$Bar", "_x.$y")))
                .accepts("com.example.Foo");
    }

    static PinTaxonomy.Frame frame(String type, String method) {
        return new PinTaxonomy.Frame(type, method, 1, false, false);
    }

    static PinTaxonomy.Frame hidden(String type, String method) {
        return new PinTaxonomy.Frame(type, method, 0, true, false);
    }

    static PinTaxonomy.Frame nativeFrame(String type, String method) {
        return new PinTaxonomy.Frame(type, method, 0, false, true);
    }

    /** The frames every pin of a park has at its ends. */
    static List<PinTaxonomy.Frame> parked(PinTaxonomy.Frame... middle) {
        List<PinTaxonomy.Frame> frames = new java.util.ArrayList<>(List.of(
                nativeFrame("java.lang.VirtualThread", "postPinnedEvent"),
                frame("java.lang.VirtualThread", "parkOnCarrierThread"),
                frame("java.lang.VirtualThread", "parkNanos"),
                frame("java.lang.Thread", "sleep")));
        frames.addAll(List.of(middle));
        frames.add(frame("java.lang.VirtualThread", "run"));
        frames.add(nativeFrame("jdk.internal.vm.Continuation", "enterSpecial"));
        return frames;
    }

    static final List<PinTaxonomy.Frame> UPCALL = parked(
            frame("com.example.Sorter", "compareSleeping"),
            hidden("java.lang.invoke.LambdaForm$DMH.0x000000005a0c5000", "invokeStatic"),
            hidden("jdk.internal.foreign.abi.UpcallStub.0x000000005a0cdc00", "invoke"),
            hidden("jdk.internal.foreign.abi.DowncallStub.0x000000005a0ca000", "invoke"),
            frame("com.example.Sorter", "sort"));

    static final List<PinTaxonomy.Frame> CLINIT = parked(
            frame("com.example.Slow", "<clinit>"),
            nativeFrame("java.lang.Class", "forName0"),
            frame("java.lang.Class", "forName"),
            frame("com.example.Task", "run"));

    static final List<PinTaxonomy.Frame> LOADING = List.of(
            frame("java.util.zip.ZipFile", "getEntry"),
            frame("jdk.internal.loader.URLClassPath$JarLoader", "getResource"),
            frame("jdk.internal.loader.BuiltinClassLoader", "loadClassOrNull"),
            frame("java.lang.ClassLoader", "loadClass"),
            frame("com.example.Task", "run"),
            frame("java.lang.VirtualThread", "run"));

    @Test
    void aNativeFrameOnTheStackIsAnFfmUpcallOrJni() {
        var classified = PinTaxonomy.classify("Native or VM frame on stack", "LockSupport.park", UPCALL);
        assertThat(classified).isEqualTo(new PinTaxonomy.Classification(PinCause.NATIVE_FRAME, null, false));
        assertThat(PinTaxonomy.origin(classified.cause(), null, OWN)).isEqualTo(PinOrigin.CODE);
    }

    /**
     * A cold JVM's FFM, as a reviewer's eight virtual threads met it in upcalls that read a segment (10 of 30 fresh
     * JVMs; the stack as JDK 25 recorded it): one computed {@code Utils}' var handle while another waited for the
     * bin's monitor, pinned by the native frame. The JDK's cache filling, a first use; the same wait in a map the code
     * calls itself is the code's, and so is any other monitor met in the callback.
     */
    @Test
    void aContendedJdkCacheInANativeCallbackIsAFirstUse() {
        String nativeFrame = "Native or VM frame on stack";
        String monitor = "Contended monitor enter";
        List<PinTaxonomy.Frame> cache = inCallback(
                "java.util.concurrent.ConcurrentHashMap.computeIfAbsent",
                "jdk.internal.foreign.Utils.makeRawSegmentViewVarHandle");
        var classified = PinTaxonomy.classify(nativeFrame, monitor, cache);
        assertThat(classified)
                .isEqualTo(
                        new PinTaxonomy.Classification(PinCause.JDK_CACHE_WAIT, "jdk.internal.foreign.Utils", false));
        assertThat(PinTaxonomy.origin(classified.cause(), classified.subject(), OWN))
                .isEqualTo(PinOrigin.FIRST_USE);

        var codes = new PinTaxonomy.Classification(PinCause.NATIVE_FRAME, null, false);
        assertThat(PinTaxonomy.classify(
                        nativeFrame,
                        monitor,
                        inCallback(
                                "java.util.concurrent.ConcurrentHashMap.computeIfAbsent", "com.example.Sorter.cached")))
                .as("the code's own map")
                .isEqualTo(codes);
        assertThat(PinTaxonomy.classify(
                        nativeFrame,
                        monitor,
                        inCallback(
                                "java.util.Hashtable.put", "jdk.internal.foreign.Utils.makeRawSegmentViewVarHandle")))
                .as("another monitor of the JDK's")
                .isEqualTo(codes);
        assertThat(PinTaxonomy.classify(nativeFrame, "LockSupport.park", cache))
                .as("a park, not a monitor")
                .isEqualTo(codes);
    }

    /** {@code blocked} called by {@code caller}, in an FFM upcall that reads a segment, as JDK 25 recorded it. */
    private static List<PinTaxonomy.Frame> inCallback(String blocked, String caller) {
        List<PinTaxonomy.Frame> frames = new java.util.ArrayList<>();
        for (String text : List.of(
                blocked,
                caller,
                "jdk.internal.foreign.layout.ValueLayouts$AbstractValueLayout.varHandle",
                "jdk.internal.foreign.AbstractMemorySegmentImpl.get",
                "com.example.Sorter.compare")) {
            frames.add(PinTaxonomy.Frame.parse(text));
        }
        frames.add(hidden("jdk.internal.foreign.abi.UpcallStub.0x000000005a0cdc00", "invoke"));
        frames.add(frame("com.example.Sorter", "sort"));
        frames.add(frame("java.lang.VirtualThread", "run"));
        return frames;
    }

    /**
     * {@code javax.} and {@code com.sun.} are the JDK's only in its own modules' packages: a library's class there
     * (a servlet's, Jersey's) is not, so its blocking initializer is the code's, and its frame is where it blocked.
     */
    @Test
    void aLibrarysClassUnderJavaxOrComSunIsNotTheJdks() {
        assertThat(List.of(
                        "java.lang.Thread",
                        "jdk.internal.misc.Unsafe",
                        "sun.nio.ch.NioSocketImpl",
                        "javax.net.ssl.SSLSocket",
                        "javax.swing.JFrame$1",
                        "com.sun.net.httpserver.HttpServer",
                        "com.sun.net.httpserver.HttpServer$$Lambda.0x0000000077158210",
                        "javax.net.ssl.SSLSocket$$Lambda/0x0000000077158210"))
                .allMatch(PinTaxonomy::isJdk);
        assertThat(List.of(
                        "javax.servlet.http.HttpServlet",
                        "javax.servlet.demo.JxMain$Slow",
                        "com.sun.jersey.spi.container.ContainerRequest",
                        "com.example.Foo",
                        "Unnamed"))
                .noneMatch(PinTaxonomy::isJdk);
        assertThat(PinTaxonomy.origin(PinCause.CLASS_INIT, "javax.servlet.demo.JxMain$Slow", PinTaxonomy.NOT_JDK))
                .isEqualTo(PinOrigin.CODE);
        assertThat(PinTaxonomy.applicationFrame(List.of(
                        frame("java.lang.Thread", "sleep"), frame("javax.servlet.demo.JxMain$Slow", "<clinit>"))))
                .startsWith("javax.servlet.demo.JxMain$Slow.<clinit>");
    }

    /**
     * Inside an initializer, a contended monitor enter is the VM's lock while it links or loads a class (a cold JVM
     * whose virtual threads first use Jackson together: lines with a new or a static access and no lock), a first
     * use; blocking in the initializer stays the initializer's.
     */
    @Test
    void aContendedMonitorEnterInsideAnInitializerIsClassLoading() {
        List<PinTaxonomy.Frame> inJackson = List.of(
                frame("com.fasterxml.jackson.core.io.NumberOutput", "<clinit>"), frame("com.example.Json", "write"));
        var contended = PinTaxonomy.classify(
                "VM call to com.fasterxml.jackson.core.io.NumberOutput.<clinit> on stack",
                "Contended monitor enter",
                inJackson);
        assertThat(contended)
                .as("a synchronized block the initializer runs reads the same, and is set apart with it (pins.md)")
                .isEqualTo(new PinTaxonomy.Classification(
                        PinCause.CLASS_LOADING, "com.fasterxml.jackson.core.io.NumberOutput", false));
        assertThat(PinTaxonomy.origin(contended.cause(), contended.subject(), OWN))
                .isEqualTo(PinOrigin.FIRST_USE);
        assertThat(PinTaxonomy.classify(
                                "VM call to com.fasterxml.jackson.core.io.NumberOutput.<clinit> on stack",
                                "LockSupport.park",
                                inJackson)
                        .cause())
                .isEqualTo(PinCause.CLASS_INIT);
    }

    @Test
    void blockingInAnInitializerIsTheInitializersClass() {
        var classified =
                PinTaxonomy.classify("VM call to com.example.Slow.<clinit> on stack", "LockSupport.park", CLINIT);
        assertThat(classified)
                .isEqualTo(new PinTaxonomy.Classification(PinCause.CLASS_INIT, "com.example.Slow", false));
        assertThat(PinTaxonomy.origin(PinCause.CLASS_INIT, "com.example.Slow", OWN))
                .isEqualTo(PinOrigin.CODE);
        assertThat(PinTaxonomy.origin(PinCause.CLASS_INIT, "java.util.Foo", OWN))
                .isEqualTo(PinOrigin.FIRST_USE);
    }

    @Test
    void waitingForAnyClassesInitializerIsAFirstUseEvenForTheCodesOwnClass() {
        var own = PinTaxonomy.classify(
                "Waited for initialization of com.example.Slow by another thread",
                "Object.wait",
                List.of(frame("com.example.Task", "run")));
        assertThat(own).isEqualTo(new PinTaxonomy.Classification(PinCause.CLASS_INIT_WAIT, "com.example.Slow", false));
        assertThat(PinTaxonomy.origin(own.cause(), own.subject(), OWN))
                .as("whether a thread arrives while the initializer runs is timing: a test must not fail by it")
                .isEqualTo(PinOrigin.FIRST_USE);

        var jdk = PinTaxonomy.classify(
                "Waited for initialization of java.util.concurrent.locks.AbstractQueuedSynchronizer$ExclusiveNode "
                        + "by another thread",
                "Object.wait",
                List.of(frame("java.util.concurrent.locks.AbstractQueuedSynchronizer", "acquire")));
        assertThat(jdk.subject()).isEqualTo("java.util.concurrent.locks.AbstractQueuedSynchronizer$ExclusiveNode");
        assertThat(PinTaxonomy.origin(jdk.cause(), jdk.subject(), OWN)).isEqualTo(PinOrigin.FIRST_USE);

        var harness = PinTaxonomy.classify(
                "Waited for initialization of dev.loompatterns.core.RunGate by another thread",
                "Object.wait",
                List.of(frame("com.example.Task", "run")));
        assertThat(PinTaxonomy.origin(harness.cause(), harness.subject(), OWN))
                .as("a class outside the code's packages")
                .isEqualTo(PinOrigin.FIRST_USE);
    }

    /** Seen in cold JVMs on JDK 25: a loader's monitor, or a monitor the VM enters while it resolves a class. */
    @Test
    void aCriticalSectionWhileAClassLoadsIsItsFirstUse() {
        assertThat(PinTaxonomy.classify("Freeze or preempt failed (2)", "Contended monitor enter", LOADING)
                        .cause())
                .isEqualTo(PinCause.CLASS_LOADING);
        // the call site that references a class not yet loaded, with no loader frame above it
        var resolving = PinTaxonomy.classify(
                "Freeze or preempt failed (2)",
                "Contended monitor enter",
                List.of(
                        frame("java.util.concurrent.locks.AbstractQueuedSynchronizer", "acquire"),
                        frame("com.example.Task", "run")));
        assertThat(resolving.cause()).isEqualTo(PinCause.CLASS_LOADING);
        assertThat(PinTaxonomy.origin(PinCause.CLASS_LOADING, null, OWN)).isEqualTo(PinOrigin.FIRST_USE);
        // a native frame with a loader nearer to the blocking call: loading, not the native call
        assertThat(PinTaxonomy.classify(
                                "Native or VM frame on stack",
                                "LockSupport.park",
                                parked(
                                        frame("com.example.SlowLoader", "findClass"),
                                                frame("java.lang.ClassLoader", "loadClass"),
                                        nativeFrame("java.lang.Class", "forName0"), frame("com.example.Task", "run")))
                        .cause())
                .isEqualTo(PinCause.CLASS_LOADING);
        // the VM resolving a call's method type (the frame it calls, with its own below it, not shown): a reviewer's
        // FFM test in a cold JVM, at linker.upcallStub on eight virtual threads, 1 of 30 fresh JVMs
        var methodType = PinTaxonomy.classify(
                "Native or VM frame on stack",
                "Contended monitor enter",
                List.of(
                        frame("java.util.concurrent.ConcurrentHashMap", "putVal"),
                        frame("java.util.concurrent.ConcurrentHashMap", "putIfAbsent"),
                        frame("jdk.internal.util.ReferencedKeyMap", "internKey"),
                        frame("java.lang.invoke.MethodType", "makeImpl"),
                        frame("java.lang.invoke.MethodHandleNatives", "findMethodHandleType"),
                        frame("jdk.internal.foreign.abi.AbstractLinker", "upcallStub"),
                        frame("com.example.Sorter", "sort"),
                        frame("java.lang.VirtualThread", "run")));
        assertThat(methodType.cause()).isEqualTo(PinCause.CLASS_LOADING);
    }

    /**
     * A JFR stack names a frame's type, not whether it is a class loader: a method of the code's own named as a
     * loader's, in a class not named as a loader, is the code's. Before, the name alone made it class loading, a
     * first use, and a reviewer's {@code SchoolRepository.findClass} that pinned in an FFM upcall passed
     * {@code @ShouldNotPin}.
     */
    @Test
    void aMethodOfTheCodesNamedAsALoadersIsNotClassLoading() {
        for (String method : List.of("findClass", "loadClass", "defineClassroom", "defineHiddenClassroom")) {
            var classified = PinTaxonomy.classify(
                    "Native or VM frame on stack",
                    "LockSupport.park",
                    inUpcall("com.example.SchoolRepository", method));
            assertThat(classified)
                    .as(method)
                    .isEqualTo(new PinTaxonomy.Classification(PinCause.NATIVE_FRAME, null, false));
            assertThat(PinTaxonomy.origin(classified.cause(), null, OWN)).isEqualTo(PinOrigin.CODE);
            assertThat(PinTaxonomy.classify(null, null, inUpcall("com.example.SchoolRepository", method))
                            .cause())
                    .as(method + ", from the stack alone (JDK 21-23)")
                    .isEqualTo(PinCause.NATIVE_FRAME);
        }
        // a class named as a loader, or the JDK's, is still a loader where no JDK loader frame is below it
        for (String loader :
                List.of("com.example.PluginClassLoader", "com.example.Natives$SlowLoader", "java.lang.X")) {
            assertThat(PinTaxonomy.classify(
                                    "Native or VM frame on stack", "LockSupport.park", inUpcall(loader, "findClass"))
                            .cause())
                    .as(loader)
                    .isEqualTo(PinCause.CLASS_LOADING);
        }
    }

    /** A comparator {@code type.method} called back by qsort through FFM, sleeping, as JDK 25 records it. */
    private static List<PinTaxonomy.Frame> inUpcall(String type, String method) {
        return parked(
                frame(type, method),
                hidden("java.lang.invoke.LambdaForm$DMH.0x000000005a0c5000", "invokeStatic"),
                hidden("jdk.internal.foreign.abi.UpcallStub.0x000000005a0cdc00", "invoke"),
                hidden("jdk.internal.foreign.abi.DowncallStub.0x000000005a0ca000", "invoke"),
                frame("com.example.SchoolRepository", "sort"));
    }

    @Test
    void aHeldMonitorIsWhatLegacyLockingReports() {
        List<PinTaxonomy.Frame> inSynchronized = parked(frame("com.example.Guarded", "lambda$inSynchronized$0"));
        assertThat(PinTaxonomy.classify("Freeze or preempt failed (4)", "LockSupport.park", inSynchronized)
                        .cause())
                .isEqualTo(PinCause.MONITOR);
        assertThat(PinTaxonomy.classify(
                                "Freeze or preempt failed (7)",
                                "Contended monitor enter",
                                List.of(frame("com.example.Guarded", "lambda$inSynchronized$0")))
                        .cause())
                .isEqualTo(PinCause.MONITOR);
    }

    @Test
    void jfrsOwnEventCodeIsTheRecordersWhateverTheReason() {
        var classified = PinTaxonomy.classify(
                "Freeze or preempt failed (2)",
                "Contended monitor enter",
                List.of(
                        frame("jdk.jfr.internal.event.EventWriter", "beginEvent"),
                        frame("jdk.internal.event.VirtualThreadStartEvent", "commit"),
                        frame("java.lang.VirtualThread", "start"),
                        frame("java.lang.Thread", "start"),
                        frame("com.example.Task", "run")));
        assertThat(classified.cause()).isEqualTo(PinCause.RECORDER);
        assertThat(PinTaxonomy.origin(classified.cause(), null, OWN)).isEqualTo(PinOrigin.RECORDER);
    }

    /**
     * The code's own handler, called back by JFR's consumer API on a virtual thread, is the code's: its frames are
     * nearer to the blocking call than JFR's. Before, any {@code jdk.jfr.} frame anywhere on the stack made the pin
     * JFR's, never counted. A {@code jdk.jfr.} frame nearer than the code's (the consumer's own parsing) is JFR's.
     */
    @Test
    void theCodesHandlerCalledBackByJfrIsTheCodes() {
        List<PinTaxonomy.Frame> consumer = List.of(
                frame("jdk.jfr.internal.consumer.Dispatcher", "dispatch"),
                frame("jdk.jfr.internal.consumer.AbstractEventStream", "dispatch"),
                frame("jdk.jfr.internal.consumer.EventFileStream", "processOrdered"),
                frame("jdk.jfr.internal.consumer.EventFileStream", "process"),
                frame("jdk.jfr.internal.consumer.AbstractEventStream", "execute"),
                frame("jdk.jfr.internal.consumer.AbstractEventStream", "start"),
                frame("jdk.jfr.internal.consumer.EventFileStream", "start"),
                frame("com.example.Audit", "replay"));
        List<PinTaxonomy.Frame> inHandler = new java.util.ArrayList<>(List.of(
                frame("com.example.Audit", "compareSleeping"),
                hidden("jdk.internal.foreign.abi.UpcallStub.0x1", "invoke"),
                frame("com.example.Audit", "lambda$replay$0")));
        inHandler.addAll(consumer);
        var handler = PinTaxonomy.classify(
                "Native or VM frame on stack", "LockSupport.park", parked(inHandler.toArray(PinTaxonomy.Frame[]::new)));
        assertThat(handler).isEqualTo(new PinTaxonomy.Classification(PinCause.NATIVE_FRAME, null, false));
        assertThat(PinTaxonomy.origin(handler.cause(), null, OWN)).isEqualTo(PinOrigin.CODE);

        List<PinTaxonomy.Frame> inParser = new java.util.ArrayList<>(
                List.of(frame("jdk.jfr.internal.consumer.ChunkParser", "awaitUpdatedHeader")));
        inParser.addAll(consumer);
        assertThat(PinTaxonomy.classify(
                                "Native or VM frame on stack",
                                "LockSupport.park",
                                parked(inParser.toArray(PinTaxonomy.Frame[]::new)))
                        .cause())
                .as("JFR's own code, nearer than the code's")
                .isEqualTo(PinCause.RECORDER);
    }

    @Test
    void anUnknownReasonIsOther() {
        assertThat(PinTaxonomy.classify(
                                "Something new in JDK 30", "LockSupport.park", parked(frame("com.example.Task", "run")))
                        .cause())
                .isEqualTo(PinCause.OTHER);
    }

    /** JDK 21-23 events have no pinnedReason: the stack alone decides, and the classification says so. */
    @Test
    void withoutAReasonTheStackDecides() {
        assertThat(PinTaxonomy.classify(null, null, UPCALL))
                .isEqualTo(new PinTaxonomy.Classification(PinCause.NATIVE_FRAME, null, true));
        assertThat(PinTaxonomy.classify(null, null, CLINIT))
                .isEqualTo(new PinTaxonomy.Classification(PinCause.CLASS_INIT, "com.example.Slow", true));
        assertThat(PinTaxonomy.classify(null, null, LOADING).cause()).isEqualTo(PinCause.CLASS_LOADING);
        // JNI: a native method of the code's own between the park and the thread's start
        assertThat(PinTaxonomy.classify(
                                null,
                                null,
                                parked(
                                        frame("com.example.Callback", "onEvent"),
                                        nativeFrame("com.example.NativeLib", "poll")))
                        .cause())
                .isEqualTo(PinCause.NATIVE_FRAME);
        // on JDK 21-23 the remaining way to park while pinned is a held monitor
        assertThat(PinTaxonomy.classify(null, null, parked(frame("com.example.Guarded", "run"))))
                .isEqualTo(new PinTaxonomy.Classification(PinCause.MONITOR, null, true));
        assertThat(PinTaxonomy.classify(null, null, List.of(frame("com.example.Task", "run")))
                        .cause())
                .isEqualTo(PinCause.OTHER);
    }

    @Test
    void aFrameReadsBackFromItsText() {
        assertThat(PinTaxonomy.Frame.parse("a.b.C$D.<clinit>:21"))
                .isEqualTo(new PinTaxonomy.Frame("a.b.C$D", "<clinit>", 21, false, false));
        assertThat(PinTaxonomy.Frame.parse("java.lang.Class.forName0"))
                .isEqualTo(new PinTaxonomy.Frame("java.lang.Class", "forName0", 0, false, false));
    }

    @Test
    void aPinKnownOnlyByItsTextIsClassifiedToo() {
        Pin pin = Pin.of(
                "VM call to com.example.Slow.<clinit> on stack",
                "LockSupport.park",
                "t",
                1,
                "c",
                Duration.ZERO,
                List.of("java.lang.Thread.sleep:540", "com.example.Slow.<clinit>:21"));
        assertThat(pin.cause()).isEqualTo(PinCause.CLASS_INIT);
        assertThat(pin.causeLabel()).isEqualTo("class-init of com.example.Slow");
        Pin old = Pin.of(
                Pin.NOT_RECORDED,
                Pin.NOT_RECORDED,
                "t",
                1,
                "c",
                Duration.ZERO,
                List.of("com.example.Slow.<clinit>:21"));
        assertThat(old.fromStack()).isTrue();
        assertThat(old.cause()).isEqualTo(PinCause.CLASS_INIT);
    }

    @Test
    void aPinLineReadsBackAsThePin() {
        Pin pin = Pin.of(
                "Freeze or preempt failed (4)",
                "LockSupport.park",
                "pinning-0",
                31,
                "ForkJoinPool-1-worker-1",
                Duration.ofMillis(20),
                List.of("java.lang.Thread.sleep:540", "x.Y.z:3"));
        assertThat(Pin.fromLine(pin.toLine())).isEqualTo(pin);
        assertThatThrownBy(() -> Pin.fromLine("not\ta pin")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A thread name with a tab or a line break, a frame with a space, and a backslash read back as they were.
     * Before, a tab made the line "not a pin line", a space split a frame in three, and a line break cut the line.
     */
    @Test
    void aPinLineKeepsTabsLineBreaksSpacesAndBackslashes() {
        Pin pin = Pin.of(
                "VM call to a.B.<clinit> on stack",
                "LockSupport.park",
                "worker\t1\nnext \\ \\t",
                7,
                "ForkJoinPool-1-worker-1\r",
                Duration.ofMillis(3),
                List.of("a.B.<clinit>:3", "a frame with spaces:4", "back\\slash:5"));

        String line = pin.toLine();

        assertThat(line).doesNotContain("\n", "\r");
        assertThat(line.split("\t", -1)).hasSize(11);
        assertThat(Pin.fromLine(line)).isEqualTo(pin);
        assertThat(Pin.fromLine(line).stack()).hasSize(3);
    }

    /**
     * A stack the recording cut at its depth: kept through the child JVM's line, said under the stack, and, where no
     * frame but the JDK's was kept, marked on the frame named for the pin; whether given packages called in is then
     * not known.
     */
    @Test
    void aStackCutAtTheRecordingsDepthIsSaid() {
        List<String> jdkOnly = List.of("java.lang.VirtualThread.parkOnCarrierThread:830", "java.lang.Thread.sleep:540");
        List<String> withCode = List.of("java.lang.Thread.sleep:540", "com.example.Work.call:12");
        Pin whole = Pin.of("Native or VM frame on stack", "LockSupport.park", "t", 1, "c", Duration.ZERO, jdkOnly);
        Pin cut = cut(whole);
        Pin cutWithCode =
                cut(Pin.of("Native or VM frame on stack", "LockSupport.park", "t", 1, "c", Duration.ZERO, withCode));

        assertThat(Pin.fromLine(cut.toLine())).isEqualTo(cut);
        assertThat(Pin.fromLine(whole.toLine())).isEqualTo(whole);
        assertThat(cut.topFrame()).isEqualTo("java.lang.VirtualThread.parkOnCarrierThread:830" + PinTaxonomy.CUT_SHORT);
        assertThat(whole.topFrame()).isEqualTo("java.lang.VirtualThread.parkOnCarrierThread:830");
        assertThat(cutWithCode.topFrame()).isEqualTo("com.example.Work.call:12");
        assertThat(cut.describe()).endsWith(System.lineSeparator() + "      " + Pin.CUT_AT_DEPTH);
        assertThat(whole.describe()).doesNotContain(Pin.CUT_AT_DEPTH);

        Predicate<String> example = PinTaxonomy.packages(List.of("com.example."));
        assertThat(cut.cutBefore(example)).isTrue();
        assertThat(cutWithCode.cutBefore(example))
                .as("a frame of the package was kept")
                .isFalse();
        assertThat(whole.cutBefore(example)).as("a whole stack tells").isFalse();
    }

    private static Pin cut(Pin pin) {
        return new Pin(
                pin.reason(),
                pin.blockingOperation(),
                pin.thread(),
                pin.threadId(),
                pin.carrier(),
                pin.duration(),
                pin.stack(),
                true,
                pin.cause(),
                pin.subject(),
                pin.fromStack());
    }

    @Test
    void causeIdsAreAContract() {
        assertThat(List.of(PinCause.values()).stream().map(PinCause::id))
                .containsExactly(
                        "native-frame",
                        "class-init",
                        "class-init-wait",
                        "jdk-cache-wait",
                        "class-loading",
                        "monitor",
                        "jfr",
                        "other");
        assertThat(PinCause.ofId("class-loading")).isEqualTo(PinCause.CLASS_LOADING);
        assertThatThrownBy(() -> PinCause.ofId("nope")).hasMessageContaining("native-frame, class-init");
    }

    /** The docs' table of causes (docs/pins.md) is the code's: one row per cause id. */
    @Test
    void theDocsListEveryCause() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("docs/pins.md"));
        for (PinCause cause : PinCause.values()) {
            assertThat(readme).as(cause.id()).contains("| `" + cause.id() + "` |");
        }
    }
}
