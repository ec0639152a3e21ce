package dev.loompatterns.jfr;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Tells pins apart: the {@link PinCause} of a {@code jdk.VirtualThreadPinned} event, and whose pin
 * it is ({@link PinOrigin}). One classification serves the CLI's {@code pinned} column, the
 * patterns' self-checks, {@link PinRecorder} and the JUnit annotations, and the recording analysis.
 * It works on a small model (reason, operation, frames), so it depends on no parser.
 *
 * <p><b>How it reads an event</b>, measured on JDK 25 (Temurin 25.0.3) with the catalogue's own
 * pins and those of cold JVMs:
 * <ol>
 *   <li>A frame of JFR's own code ({@code jdk.internal.event.}, {@code jdk.jfr.}) nearer to the blocking call
 *       than any frame outside the JDK: {@link PinCause#RECORDER}. Seen as "Freeze or preempt failed (2)" with
 *       {@code Contended monitor enter} in {@code VirtualThreadStartEvent.commit}. The program's code that JFR
 *       calls back (a handler of {@code EventStream.onEvent}, {@code jdk.jfr.consumer} frames further out) is the
 *       program's: until 2026-12-07 any {@code jdk.jfr.} frame anywhere on the stack made a pin JFR's, and a
 *       reviewer's handler that pinned under {@code EventStream.openFile(f).onEvent(...)} was not counted.</li>
 *   <li>{@code pinnedReason} "Waited for initialization of X by another thread":
 *       {@link PinCause#CLASS_INIT_WAIT} of X.</li>
 *   <li>{@code blockingOperation} "Contended monitor enter" with {@code pinnedReason} "VM call to
 *       X.&lt;clinit&gt; on stack": {@code CLASS_LOADING}. A virtual thread that meets the VM's own lock
 *       while the VM links or loads a class, inside an initializer: the same wait outside one is
 *       "Freeze or preempt failed (2)" (below). Seen in a reviewer's cold JVMs, where virtual threads
 *       first used Jackson or picocli together: pins of 0.0 to 36 ms at lines that hold a {@code new}
 *       or a static access and no lock, counted as the initializer's own, which failed
 *       {@code @ShouldNotPin} in up to 4 of 10 fresh JVMs. A {@code synchronized} block that contends
 *       inside an initializer looks the same in the event, and is set apart with it.</li>
 *   <li>{@code Contended monitor enter} in {@code ConcurrentHashMap.computeIfAbsent}, the innermost frame, called by
 *       the JDK's own code: {@link PinCause#JDK_CACHE_WAIT}, the calling class the subject. Seen in a reviewer's cold
 *       JVMs, where eight virtual threads' FFM upcalls read a {@code MemorySegment} together: the first to need
 *       {@code jdk.internal.foreign.Utils}'s var handle computed it while the others waited, pinned by the native
 *       frame, 0.1 ms, which failed {@code @ShouldNotPin} in 10 of 30 fresh JVMs; later tests in the same JVM
 *       never met it.</li>
 *   <li>The innermost frame that loads a class ({@code ClassLoader.loadClass}, any frame of
 *       {@code jdk.internal.loader}, a {@code loadClass}/{@code findClass}/{@code defineClass...}
 *       method of a JDK class or of a class whose simple name says it is a loader, {@code ...ClassLoader...} or
 *       {@code ...Loader}, {@code MethodHandleNatives.link...} linking a call site, or
 *       {@code MethodHandleNatives.findMethodHandleType}, the VM resolving a call's method type) or runs an
 *       initializer ({@code <clinit>}) decides between {@link PinCause#CLASS_LOADING} and
 *       {@link PinCause#CLASS_INIT}: whichever is nearer to the blocking call is what blocked. A JFR stack gives a
 *       frame's type name only, not whether the type is a {@code ClassLoader}: a method of the program's so named in
 *       a class not named as a loader ({@code SchoolRepository.findClass}, {@code defineClassroom}) is the
 *       program's code (until 2026-12-07 the name alone made it a loader's, and a reviewer's such method that
 *       pinned in an FFM upcall passed {@code @ShouldNotPin}); the other way, a loader of the program's not named as
 *       one ({@code ClassRealm}) that blocks in its own {@code loadClass} with no JDK loader frame on the stack (the
 *       VM calls an overridden {@code loadClass(String)} directly) is counted as the program's.</li>
 *   <li>Otherwise {@code pinnedReason} (JDK 24+): "VM call to X.&lt;clinit&gt; on stack" is
 *       {@code CLASS_INIT}; "Native or VM frame on stack" is {@link PinCause#NATIVE_FRAME};
 *       "Freeze or preempt failed (N)" carries HotSpot's freeze result: 3 a native frame, 4 a held
 *       monitor and 7 an unsupported preemption (both seen with {@code -XX:LockingMode=1}), so
 *       {@link PinCause#MONITOR}; 2 a critical section, which on JDK 25 was seen only while the VM
 *       loaded or linked a class for its first use (a monitor entered at a call site that
 *       references a class not yet loaded, or inside {@code BuiltinClassLoader}), so
 *       {@code CLASS_LOADING}.</li>
 *   <li>No {@code pinnedReason} (JDK 21-23 events have none): the stack alone. An FFM upcall stub
 *       ({@code jdk.internal.foreign.abi.UpcallStub}, a hidden frame) or a native method between
 *       the blocking call and the thread's start is {@code NATIVE_FRAME}; a park while pinned with
 *       none of the above is {@code MONITOR}, by elimination (on JDK 21-23 the remaining way to
 *       park while pinned is holding a monitor); anything else {@link PinCause#OTHER}. Such a
 *       classification is marked {@link Classification#fromStack()}.</li>
 * </ol>
 *
 * <p><b>Whose pin.</b> JFR's code is the {@link PinOrigin#RECORDER}'s. Loading a class, waiting for
 * any class's initializer or for a JDK cache's entry, and initializing a class that is not the observed code's own, is
 * {@link PinOrigin#FIRST_USE}: the JDK, a harness or the code meeting a class for the first time,
 * gone in a warm JVM. A wait for an initializer is a first use even for the code's own class: it
 * can happen only while the class is first initialized, and only to the threads that arrive
 * meanwhile, so whether it happens is a matter of timing. Measured on JDK 25 by a reviewer: 50
 * virtual threads that were the first to touch an enum with a trivial initializer pinned so in 2 of
 * 10 fresh JVMs, 0.0 to 1.0 ms, which made a {@code @ShouldNotPin} test fail at random while it
 * counted. A slow initializer is still seen where it blocks: blocking inside the code's own
 * initializer ({@link PinCause#CLASS_INIT}) is the {@link PinOrigin#CODE}'s, as is everything else,
 * but for a contended monitor met inside any initializer, the code's own too, which is
 * {@code CLASS_LOADING} (see above: JDK 25 words it as the VM's lock for linking a class).
 *
 * <p>JDK-version notes (read from the JDK's sources and bug reports, not run here): from JDK 26 a
 * virtual thread waiting for another thread's class initialization no longer pins when the wait
 * comes from the interpreter's {@code new}, {@code invokestatic}, {@code getstatic} or
 * {@code putstatic} (JDK-8369238; {@code Class.forName} and the initializing thread itself still
 * pin), so most {@code CLASS_INIT_WAIT} events stop; {@code -XX:LockingMode} is obsolete in JDK 26
 * and ignored with a warning (JDK-8359437), so no {@code MONITOR} pins can be made that way.
 */
public final class PinTaxonomy {

    /** Prefixes whose classes are the JDK's alone ({@code java.} cannot be defined by any other loader). */
    private static final List<String> JDK_PREFIXES = List.of("java.", "jdk.", "sun.");

    /**
     * Prefixes shared by the JDK and other libraries ({@code javax.servlet}, {@code com.sun.jersey}): a class
     * there is the JDK's only if its package is in one of the running JDK's modules.
     */
    private static final List<String> SHARED_PREFIXES = List.of("javax.", "com.sun.");

    /** Not the JDK's: the default for "the observed code's own classes". */
    public static final Predicate<String> NOT_JDK = type -> !isJdk(type);

    private static final String WAITED_FOR = "Waited for initialization of ";
    private static final String BY_ANOTHER_THREAD = " by another thread";
    private static final String VM_CALL_TO = "VM call to ";
    private static final String CLINIT_ON_STACK = ".<clinit> on stack";
    private static final String FREEZE_FAILED = "Freeze or preempt failed";
    private static final String CONTENDED_MONITOR_ENTER = "Contended monitor enter";

    /** A package's name, or a class's, with or without a last dot. */
    private static final Pattern PACKAGE = Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
            + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*\\.?");

    private PinTaxonomy() {}

    /**
     * One stack frame, as much as the classification needs.
     *
     * @param type         the declaring class's name ({@code a.b.C$D}, or a hidden class's name)
     * @param method       the method's name ({@code <clinit>} for an initializer)
     * @param line         the line number, or 0 or less if unknown
     * @param hidden       a hidden frame (lambda forms, FFM stubs), which {@code jfr print} leaves out
     * @param nativeMethod a native method
     */
    public record Frame(String type, String method, int line, boolean hidden, boolean nativeMethod) {

        /** A frame as {@link Pin#stack()} shows it: {@code a.b.C.method:line}. */
        public static Frame parse(String text) {
            int colon = text.lastIndexOf(':');
            int line = 0;
            String name = text;
            if (colon > 0
                    && colon < text.length() - 1
                    && text.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                line = Integer.parseInt(text.substring(colon + 1));
                name = text.substring(0, colon);
            }
            int dot = name.lastIndexOf('.');
            return dot < 0
                    ? new Frame("", name, line, false, false)
                    : new Frame(name.substring(0, dot), name.substring(dot + 1), line, false, false);
        }

        @Override
        public String toString() {
            return type + "." + method + (line > 0 ? ":" + line : "");
        }
    }

    /**
     * What a pin was.
     *
     * @param cause     its cause
     * @param subject   the class initialized or waited for ({@code CLASS_INIT}, {@code CLASS_INIT_WAIT}), in whose
     *                  initializer a contended monitor was met ({@code CLASS_LOADING}), or whose cache was being filled
     *                  ({@code JDK_CACHE_WAIT}); else null
     * @param fromStack true if the event had no {@code pinnedReason}, so the cause was read from the stack alone
     */
    public record Classification(PinCause cause, String subject, boolean fromStack) {}

    /**
     * Classifies one pin.
     *
     * @param reason    {@code pinnedReason}, or null where the event has none (JDK 21-23)
     * @param operation {@code blockingOperation}, or null where the event has none
     * @param frames    the stack, innermost frame first, hidden frames included where known
     */
    public static Classification classify(String reason, String operation, List<Frame> frames) {
        boolean fromStack = reason == null;
        if (inRecorder(frames)) {
            return new Classification(PinCause.RECORDER, null, fromStack);
        }
        if (reason != null && reason.startsWith(WAITED_FOR)) {
            String subject = reason.substring(WAITED_FOR.length());
            if (subject.endsWith(BY_ANOTHER_THREAD)) {
                subject = subject.substring(0, subject.length() - BY_ANOTHER_THREAD.length());
            }
            return new Classification(PinCause.CLASS_INIT_WAIT, subject, false);
        }
        if (CONTENDED_MONITOR_ENTER.equals(operation)
                && reason != null
                && reason.startsWith(VM_CALL_TO)
                && reason.endsWith(CLINIT_ON_STACK)) {
            // the VM's own lock while it links or loads a class, met inside an initializer; outside one the same
            // wait is "Freeze or preempt failed (2)". The subject is the initializer's class.
            return new Classification(PinCause.CLASS_LOADING, initializerIn(reason), false);
        }
        if (CONTENDED_MONITOR_ENTER.equals(operation) && isJdkCacheFill(frames)) {
            return new Classification(PinCause.JDK_CACHE_WAIT, frames.get(1).type(), fromStack);
        }
        for (Frame frame : frames) {
            if (isLoaderFrame(frame)) {
                return new Classification(PinCause.CLASS_LOADING, null, fromStack);
            }
            if (frame.method().equals("<clinit>")) {
                return new Classification(PinCause.CLASS_INIT, frame.type(), fromStack);
            }
        }
        if (reason != null) {
            return fromReason(reason);
        }
        if (frames.stream().anyMatch(PinTaxonomy::isNativeTransition)) {
            return new Classification(PinCause.NATIVE_FRAME, null, true);
        }
        boolean parkedWhilePinned = frames.stream()
                .anyMatch(frame -> frame.type().equals("java.lang.VirtualThread")
                        && (frame.method().equals("parkOnCarrierThread")
                                || frame.method().startsWith("park")));
        return new Classification(parkedWhilePinned ? PinCause.MONITOR : PinCause.OTHER, null, true);
    }

    /**
     * Whether the innermost frame is {@code ConcurrentHashMap.computeIfAbsent} called by the JDK's own code: a
     * contended monitor there is a bin's, held by a thread that computes a missing entry of a JDK cache. Once the
     * entry is there, {@code computeIfAbsent} returns it without the bin's monitor where it heads its bin, and holds
     * the monitor only for the look-up otherwise: a wait there is the cache's first use, but for a rare and brief
     * one. Called by the code itself, on a map of its own, it is the code's.
     */
    private static boolean isJdkCacheFill(List<Frame> frames) {
        return frames.size() > 1
                && frames.get(0).type().equals("java.util.concurrent.ConcurrentHashMap")
                && frames.get(0).method().equals("computeIfAbsent")
                && isJdk(frames.get(1).type());
    }

    /** The class X of "VM call to X.&lt;clinit&gt; on stack". */
    private static String initializerIn(String reason) {
        return reason.substring(VM_CALL_TO.length(), reason.length() - CLINIT_ON_STACK.length());
    }

    /** The cause {@code pinnedReason} names, once the stack has ruled out loading and initializers. */
    private static Classification fromReason(String reason) {
        if (reason.startsWith(VM_CALL_TO) && reason.endsWith(CLINIT_ON_STACK)) {
            return new Classification(PinCause.CLASS_INIT, initializerIn(reason), false);
        }
        if (reason.startsWith("Native or VM frame")) {
            return new Classification(PinCause.NATIVE_FRAME, null, false);
        }
        if (reason.startsWith(FREEZE_FAILED)) {
            PinCause cause = switch (freezeResult(reason)) {
                case 2 -> PinCause.CLASS_LOADING;
                case 3 -> PinCause.NATIVE_FRAME;
                case 4, 7 -> PinCause.MONITOR;
                default -> PinCause.OTHER;
            };
            return new Classification(cause, null, false);
        }
        return new Classification(PinCause.OTHER, null, false);
    }

    /** The number in "Freeze or preempt failed (N)", or -1. */
    private static int freezeResult(String reason) {
        int open = reason.indexOf('(');
        int close = reason.indexOf(')', open + 1);
        if (open < 0 || close < 0) {
            return -1;
        }
        try {
            return Integer.parseInt(reason.substring(open + 1, close).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Whose pin it is.
     *
     * @param ownCode true for a class name that is the observed code's own (a package prefix, say)
     */
    public static PinOrigin origin(PinCause cause, String subject, Predicate<String> ownCode) {
        return switch (cause) {
            case RECORDER -> PinOrigin.RECORDER;
            case CLASS_LOADING, CLASS_INIT_WAIT, JDK_CACHE_WAIT -> PinOrigin.FIRST_USE;
            case CLASS_INIT -> subject != null && ownCode.test(subject) ? PinOrigin.CODE : PinOrigin.FIRST_USE;
            default -> PinOrigin.CODE;
        };
    }

    /**
     * Whether pins of this cause are never the code's, whoever's code it is: a class's first use or JFR's own
     * ({@link #origin} of it with every class the code's own is not {@link PinOrigin#CODE}), so no assertion counts
     * them.
     */
    public static boolean neverTheCodes(PinCause cause) {
        return origin(cause, "", type -> true) != PinOrigin.CODE;
    }

    /**
     * Own code by package: every class whose name starts with one of the prefixes ({@code com.example.}).
     *
     * @throws IllegalArgumentException for a prefix no class name can start with ({@link #notAPackage})
     */
    public static Predicate<String> packages(List<String> prefixes) {
        List<String> copy = List.copyOf(prefixes);
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = context != null ? context : PinTaxonomy.class.getClassLoader();
        copy.stream()
                .map(name -> notAPackage(name, loader))
                .filter(why -> !why.isEmpty())
                .findFirst()
                .ifPresent(why -> {
                    throw new IllegalArgumentException(why);
                });
        return type -> copy.stream().anyMatch(type::startsWith);
    }

    /**
     * Why no class's name can start with {@code name} ({@code "com.example.*"}, {@code "com/example"}, {@code ""}),
     * or "" if one can: as own code, such a prefix would make every pin a library's, and every initializer of the
     * program's a first use, so an assertion that counts only own code would pass whatever pinned.
     */
    public static String notAPackage(String name) {
        return PACKAGE.matcher(name).matches()
                ? ""
                : "\"" + name + "\" is not a package name (\"com.example\", which takes in its subpackages: no"
                        + " wildcard, no slash); no class is in it, so no pin would count as its code's and the test"
                        + " would pass whatever pinned";
    }

    /**
     * {@link #notAPackage(String)}, and a class's name ({@code "com.example.Service"}), which {@code loader} loads,
     * without initialising it: no class's name starts with {@code com.example.Service.} (its frames are
     * {@code com.example.Service.m}), and no package has a class's name (JLS 7.1).
     */
    public static String notAPackage(String name, ClassLoader loader) {
        String why = notAPackage(name);
        if (!why.isEmpty()) {
            return why;
        }
        try {
            Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError notAClass) {
            return "";
        }
        return "\"" + name + "\" is a class, not a package (give \""
                + name.substring(0, Math.max(0, name.lastIndexOf('.')))
                + "\"); as a package no class is in it, so no pin would count as its code's and the test would pass"
                + " whatever pinned";
    }

    /**
     * Said after the frame {@link #applicationFrame(List, boolean)} names where the recording cut the stack before any
     * frame but the JDK's.
     */
    public static final String CUT_SHORT = " (stack cut short, JDK frames only)";

    /**
     * Whether a stack the recording cut at its depth ({@code RecordedStackTrace.isTruncated()}: JFR keeps the innermost
     * frames) holds no frame but the JDK's: the innermost frame is then not where the program blocked, and the
     * program's code is not in the recording at all (a pin deep in the JDK's own calls, a stack deeper than JFR's 64
     * frames, or a recording with a small {@code -XX:FlightRecorderOptions:stackdepth}).
     *
     * @param cut whether the recording cut the stack
     */
    public static boolean cutBeforeCode(List<Frame> frames, boolean cut) {
        // no frame at all is no stack, said as such, not a cut one
        return cut && !frames.isEmpty() && frames.stream().allMatch(frame -> frame.hidden() || isJdk(frame.type()));
    }

    /**
     * {@link #applicationFrame(List)}, marked {@link #CUT_SHORT} where the stack was {@linkplain #cutBeforeCode cut
     * before any frame but the JDK's}.
     */
    public static String applicationFrame(List<Frame> frames, boolean cut) {
        String frame = applicationFrame(frames);
        return cutBeforeCode(frames, cut) ? frame + CUT_SHORT : frame;
    }

    /**
     * The innermost visible frame outside the JDK, as {@code Type.method:line}: the code that
     * blocked or ran; the innermost visible frame if all are the JDK's; the innermost frame if all are hidden (a stack
     * cut to the JVM's own plumbing).
     */
    public static String applicationFrame(List<Frame> frames) {
        String first = null;
        for (Frame frame : frames) {
            if (frame.hidden()) {
                continue;
            }
            if (first == null) {
                first = frame.toString();
            }
            if (!isJdk(frame.type())) {
                return frame.toString();
            }
        }
        if (first != null) {
            return first;
        }
        return frames.isEmpty()
                ? "(no stack trace recorded)"
                : frames.getFirst().toString();
    }

    /**
     * True for a class of the JDK: under {@code java.}, {@code jdk.} or {@code sun.}, or under {@code javax.} or
     * {@code com.sun.} in a package of the running JDK's own modules ({@code javax.net.ssl},
     * {@code com.sun.net.httpserver}), not a library's that shares the prefix ({@code javax.servlet},
     * {@code com.sun.jersey}; a reviewer's blocking initializer in {@code javax.servlet.demo} was excused as
     * the JDK's first use). A recording of another JDK version is read with this JDK's packages.
     */
    public static boolean isJdk(String type) {
        if (JDK_PREFIXES.stream().anyMatch(type::startsWith)) {
            return true;
        }
        if (SHARED_PREFIXES.stream().noneMatch(type::startsWith)) {
            return false;
        }
        String named = named(type);
        int dot = named.lastIndexOf('.');
        return dot > 0 && JdkPackages.NAMES.contains(named.substring(0, dot));
    }

    /**
     * The name a hidden class was defined from: {@code Type$$Lambda} of {@code Type$$Lambda.0x0000000077158210}, as
     * JFR names it, or as the JDK does, with a slash; another class's name as it is.
     */
    private static String named(String type) {
        int hidden = Math.max(type.indexOf(".0x"), type.indexOf("/0x"));
        return hidden > 0 ? type.substring(0, hidden) : type;
    }

    /** The packages of the JDK's modules in the boot layer, read once, at the first class that needs them. */
    private static final class JdkPackages {
        static final Set<String> NAMES = ModuleLayer.boot().modules().stream()
                .filter(module ->
                        module.getName().startsWith("java.") || module.getName().startsWith("jdk."))
                .flatMap(module -> module.getPackages().stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Whether JFR's own code blocked: a frame of its event code ({@code jdk.internal.event.}, {@code jdk.jfr.}) nearer
     * to the blocking call than any frame outside the JDK. Code of the program's called back by JFR (a handler of
     * {@code EventStream.onEvent}, run by {@code jdk.jfr.consumer} frames further out) is the program's.
     */
    private static boolean inRecorder(List<Frame> frames) {
        for (Frame frame : frames) {
            if (frame.type().startsWith("jdk.internal.event.") || frame.type().startsWith("jdk.jfr.")) {
                return true;
            }
            if (!isJdk(frame.type())) {
                return false;
            }
        }
        return false;
    }

    /**
     * A frame that loads a class: any frame of {@code jdk.internal.loader}, {@code MethodHandleNatives} linking a call
     * site or resolving a method type, and a method named as a loader's ({@code loadClass}, {@code findClass},
     * {@code defineClass...}) of the JDK's classes or of a class named as a loader ({@link #namedAsLoader}). A JFR
     * stack gives type names only, not whether a class extends {@code ClassLoader}: a method of the program's so
     * named ({@code SchoolRepository.findClass}) is the program's code, and its pins count.
     */
    private static boolean isLoaderFrame(Frame frame) {
        String method = frame.method();
        String type = frame.type();
        if (type.startsWith("jdk.internal.loader.")) {
            return true;
        }
        if (type.equals("java.lang.invoke.MethodHandleNatives")) {
            return method.startsWith("link") || method.equals("findMethodHandleType");
        }
        boolean loaderMethod = method.equals("loadClass")
                || method.equals("loadClassOrNull")
                || method.equals("findClass")
                || method.startsWith("defineClass")
                || method.startsWith("defineHiddenClass");
        return loaderMethod && (isJdk(type) || namedAsLoader(type));
    }

    /**
     * A class whose simple name says it is a class loader: it contains {@code ClassLoader} or ends with
     * {@code Loader} ({@code URLClassLoader}, {@code WebappClassLoaderBase}, {@code Natives$SlowLoader}).
     */
    private static boolean namedAsLoader(String type) {
        String named = named(type);
        String simple = named.substring(Math.max(named.lastIndexOf('.'), named.lastIndexOf('$')) + 1);
        return simple.contains("ClassLoader") || simple.endsWith("Loader");
    }

    /**
     * A frame that calls Java from native code, or is native code: an FFM upcall stub, or a native
     * method other than the virtual-thread machinery at either end of every stack.
     */
    private static boolean isNativeTransition(Frame frame) {
        if (frame.type().startsWith("jdk.internal.foreign.abi.UpcallStub")) {
            return true;
        }
        return frame.nativeMethod()
                && !frame.type().equals("java.lang.VirtualThread")
                && !frame.type().startsWith("jdk.internal.vm.Continuation");
    }

    /** The cause's id and, where known, its subject: {@code class-init-wait of a.B}. */
    public static String label(PinCause cause, String subject) {
        return subject == null ? cause.id() : String.format(Locale.ROOT, "%s of %s", cause.id(), subject);
    }
}
