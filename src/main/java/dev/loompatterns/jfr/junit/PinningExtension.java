package dev.loompatterns.jfr.junit;

import dev.loompatterns.jfr.Pin;
import dev.loompatterns.jfr.PinCause;
import dev.loompatterns.jfr.PinOrigin;
import dev.loompatterns.jfr.PinRecorder;
import dev.loompatterns.jfr.PinStream;
import dev.loompatterns.jfr.PinTaxonomy;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * The JUnit 5 extension behind {@link ShouldNotPin} and {@link ShouldPin} (registered by the
 * annotations themselves). It wraps the test method (each repetition or invocation of a template,
 * each dynamic test of a factory), and only that, in a window of one JFR stream of
 * {@code jdk.VirtualThreadPinned} events (threshold 0, with stacks) that serves every annotated
 * test of the engine ({@link PinStream}).
 *
 * <p>Whose pins count: the thread that runs the test method and every thread created (its
 * {@code Thread} object made, not merely started) while it runs (told apart by thread id). A pin
 * is recorded when the blocking ends, so the test method must wait for its threads to finish.
 * Pins are classified by {@link PinTaxonomy}: a class's first use and
 * JFR's own code never count; {@code packages} and {@code ignore} narrow further. A pin whose stack JFR cut before any
 * frame of the packages may be theirs or not: the test passes only if it passes either way. A test method
 * that throws fails with its own exception; the pins are then not checked. The failure message
 * lists each counted pin with its cause, reason, blocking operation, carrier and stack, and names
 * the pins not counted.
 *
 * <p>Cost: the first annotated test of a JVM has JFR started, and a first stop and dump made, before its test
 * method's invocation, outside JUnit's {@code @Timeout} ({@link #beforeTestExecution}); each test's stream is started
 * there too. A test that creates no thread (and runs on a platform thread, as JUnit's do) cannot pin,
 * so its window closes without asking JFR for anything: a few microseconds. A test that creates
 * threads waits for JFR's events, by stopping the stream if it is younger than 50 ms, or from a dump
 * of its recording: milliseconds to tens of them, after which the next test starts a new stream. docs/pinning-assertion.md gives the figures measured and how.
 * Under JUnit's parallel execution an annotated test runs alone: the annotations take JUnit's global
 * resource lock to read and write, as {@code @Isolated} does, since a thread created by a test running at
 * the same time would be counted too.
 *
 * <p>This class needs {@code junit-jupiter-api} on the class path; loom-patterns declares it as a
 * {@code provided} dependency, so the CLI never loads it and users' tests bring their own JUnit.
 * Compiled for Java 21 (class file 65), as are the classes it uses.
 */
public final class PinningExtension
        implements InvocationInterceptor, BeforeTestExecutionCallback, AfterTestExecutionCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PinningExtension.class);

    /** What an annotation asks for. */
    private record Expected(
            int atLeast,
            int atMost,
            String reason,
            Set<PinCause> causes,
            List<String> packages,
            Set<PinCause> ignore,
            AnnotatedElement where,
            String annotation) {

        /**
         * Which annotation asked, and where it is: a test's may come from its class, a superclass, an interface or the
         * class a {@code @Nested} class runs in, and the failure said only what was expected (a helper's hunt,
         * 2026-12-07).
         */
        String askedBy() {
            String place = where instanceof Method method
                    ? method.getDeclaringClass().getName() + "." + method.getName() + "()"
                    : where instanceof Class<?> type ? type.getName() : String.valueOf(where);
            return "(asked for by " + annotation + " on " + place + ")";
        }

        /** The observed code's classes: those of the packages asked for, or every class but the JDK's. */
        Predicate<String> ownCode() {
            return packages.isEmpty()
                    ? PinTaxonomy.NOT_JDK
                    : PinTaxonomy.packages(packages.stream()
                            .map(p -> p.endsWith(".") ? p : p + ".")
                            .toList());
        }

        /**
         * The pin counts: the code's own, of a cause asked for and not ignored, in the packages asked for, with the
         * reason.
         *
         * @param ownCode {@link #ownCode()}, worked out once for every pin of a test
         */
        boolean counts(Pin pin, Predicate<String> ownCode) {
            return countsButForPackages(pin, ownCode) && (packages.isEmpty() || pin.ranCodeOf(ownCode));
        }

        /**
         * The pin would count, but the recording cut its stack at its depth before any frame of the packages asked
         * for: whether they called in cannot be told.
         */
        boolean cannotTell(Pin pin, Predicate<String> ownCode) {
            return !packages.isEmpty() && pin.cutBefore(ownCode) && countsButForPackages(pin, ownCode);
        }

        private boolean countsButForPackages(Pin pin, Predicate<String> ownCode) {
            return pin.origin(ownCode) == PinOrigin.CODE
                    && !ignore.contains(pin.cause())
                    && (causes.isEmpty() || causes.contains(pin.cause()))
                    && pin.reason().contains(reason);
        }
    }

    /** The engine's one stream, closed when the engine is done. */
    private static final class SharedStream implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final PinStream stream = new PinStream();

        @Override
        public void close() {
            stream.close();
        }
    }

    @Override
    public void interceptTestMethod(
            Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext)
            throws Throwable {
        around(invocation, extensionContext);
    }

    @Override
    public void interceptTestTemplateMethod(
            Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext)
            throws Throwable {
        around(invocation, extensionContext);
    }

    /** Each dynamic test of a {@code @TestFactory}: the factory's annotation, or its class's, applies. */
    @Override
    public void interceptDynamicTest(
            Invocation<Void> invocation,
            DynamicTestInvocationContext invocationContext,
            ExtensionContext extensionContext)
            throws Throwable {
        around(invocation, extensionContext);
    }

    /** Whether the JVM has had its warm-up ({@link #beforeTestExecution}): once in its life. */
    private static final AtomicBoolean WARMED_UP = new AtomicBoolean();

    /**
     * Before the test method's invocation, and outside it: JUnit's {@code @Timeout} is an invocation interceptor
     * (its {@code TimeoutExtension}, registered before any extension of the test's, wraps the invocation that this
     * extension's interceptor runs in), and callbacks are not timed. So what a fresh JVM pays once, JFR's start and
     * the first stream's stop and dump (0.28 to 0.87 s for the start and 0.06 to 0.6 s for the first stop in six fresh
     * JVMs on the project's 2-core machine at a load of 15, 2026-12-07; 0.5 to 1.25 s for a first test in a
     * reviewer's), is paid here ({@link PinStream#warmUp()}), and each test's stream is started here. Before, a
     * {@code @ShouldNotPin} test with {@code @Timeout(value = 250, unit = MILLISECONDS)} that starts one virtual
     * thread failed as the first annotated test of 10 of 10 fresh JVMs, timed out by JFR's start. It runs after the
     * {@code @BeforeEach} methods, whose threads stay no test's. A dynamic test has no such callback, and no
     * {@code @Timeout} either.
     */
    @Override
    public void beforeTestExecution(ExtensionContext context) {
        if (checked(context).isEmpty()) {
            return;
        }
        PinStream stream = sharedStream(context);
        try {
            if (WARMED_UP.compareAndSet(false, true)) {
                stream.warmUp();
            }
            stream.ready();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the test's own: its window tells what it ran
        } catch (IllegalStateException e) {
            // a window still open (a test JUnit went on without), or a stream that cannot start: the test's own
            // open says which, in its words
        }
    }

    /**
     * What the test asks for, if an annotation applies to it; a configuration error (a misplaced annotation, a
     * reason on JDK 21-23, no JFR) is thrown.
     */
    private static Optional<Expected> checked(ExtensionContext context) {
        String misplaced = misplaced(context);
        if (!misplaced.isEmpty()) {
            throw new ExtensionConfigurationException(misplaced);
        }
        Optional<Expected> found = expected(context);
        if (found.isEmpty()) {
            return found;
        }
        Expected expected = found.get();
        String unusable =
                PinRecorder.unusableReason(expected.reason(), Runtime.version().feature());
        if (unusable != null) {
            throw new ExtensionConfigurationException(
                    "@ShouldNotPin/@ShouldPin on " + expected.where() + ": " + unusable);
        }
        try {
            PinStream.requireAvailable();
        } catch (IllegalStateException e) {
            throw new ExtensionConfigurationException(
                    "@ShouldNotPin/@ShouldPin on " + expected.where() + ": " + e.getMessage(), e);
        }
        return found;
    }

    /** The engine's one stream. */
    private static PinStream sharedStream(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedStream.class, type -> new SharedStream(), SharedStream.class)
                .stream;
    }

    private static void around(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        Optional<Expected> found = checked(context);
        if (found.isEmpty()) {
            invocation.proceed();
            return;
        }
        Expected expected = found.get();
        PinStream stream = sharedStream(context);
        boolean parallel = context.getConfigurationParameter(PARALLEL, Boolean::parseBoolean)
                .orElse(false);
        Holder holder =
                new Holder(context.getDisplayName(), Thread.currentThread().getName());
        context.getStore(NAMESPACE).put(Holder.class, holder); // for afterTestExecution, on JUnit's thread
        PinStream.Window window = open(stream::open, holder, expected.where().toString(), parallel);
        PinStream.Seen seen = proceedThenClose(invocation, () -> stream.close(window));
        List<Pin> counted = new ArrayList<>();
        List<Pin> cut = new ArrayList<>();
        List<Pin> notCounted = new ArrayList<>();
        Predicate<String> ownCode = expected.ownCode();
        for (Pin pin : seen.pins()) {
            (expected.counts(pin, ownCode) ? counted : expected.cannotTell(pin, ownCode) ? cut : notCounted).add(pin);
        }
        // a pin whose stack was cut may or may not count: the test passes only if it passes either way
        if (counted.size() < expected.atLeast() || counted.size() + cut.size() > expected.atMost()) {
            throw new AssertionError(failure(expected, counted, cut, notCounted, seen.couldPin()));
        }
    }

    /** JUnit's configuration parameter that turns parallel execution on. */
    static final String PARALLEL = "junit.jupiter.execution.parallel.enabled";

    /**
     * The test that opens a window, and its thread, told to a test that finds the window open. Given to
     * {@link PinStream#open(Object)}, so it is known as soon as the window can be seen open: set after the open
     * returned, it was not yet there for a test that found the window open meanwhile (2 of about 17 runs under load
     * said "another test ... has not returned" with no name).
     *
     * @param ended whether JUnit has ended the test ({@link #afterTestExecution} ran): if its window is still open then,
     *              the test runs on without JUnit, which went on after a timeout on a thread of the test's own. Set by
     *              JUnit's thread, read by the next test's.
     */
    record Holder(String test, String thread, AtomicBoolean ended) {

        Holder(String test, String thread) {
            this(test, thread, new AtomicBoolean());
        }

        @Override
        public String toString() {
            return "'" + test + "' (on thread '" + thread + "')";
        }
    }

    /**
     * Marks the test's {@link Holder} as ended by JUnit: called after the test method's invocation, on JUnit's
     * thread, also where the method timed out under {@code @Timeout(threadMode = SEPARATE_THREAD)} and runs on.
     */
    @Override
    public void afterTestExecution(ExtensionContext context) {
        Holder holder = context.getStore(NAMESPACE).get(Holder.class, Holder.class);
        if (holder != null) {
            holder.ended().set(true);
        }
    }

    /**
     * Opens the test's window, {@code holder}'s, through {@code open} ({@link PinStream#open(Object)}). Another window
     * open is another annotated test still running, named by its holder: one that JUnit has ended (its
     * {@link #afterTestExecution} ran), or, without parallel execution, any, is one JUnit went on without; under
     * parallel execution one JUnit has not ended runs beside this one. Any other failure is the stream's own (JFR's
     * repository could not be made, the JVM is shutting down), told as it is. Before, every failure here was reported
     * as a test running in parallel, also where a test had timed out on a thread of its own and run on; then, until
     * 2026-12-07, the text was chosen by the parallel setting alone, and under parallel execution such a test was
     * still told as running beside, though the global lock had kept them apart.
     */
    static PinStream.Window open(
            Function<Holder, PinStream.Window> open, Holder holder, String where, boolean parallel) {
        String on = "@ShouldNotPin/@ShouldPin on " + where + ", test '" + holder.test() + "': ";
        try {
            return open.apply(holder); // PinStream's own lock orders the windows
        } catch (PinStream.OverlapException overlap) {
            Holder held = overlap.holder() instanceof Holder named ? named : null;
            String other = held != null
                    ? "another test under @ShouldNotPin or @ShouldPin, " + held + ","
                    : "another test under @ShouldNotPin or @ShouldPin";
            boolean beside = parallel && (held == null || !held.ended().get());
            throw new ExtensionConfigurationException(
                    beside
                            ? on + other + " is running at the same time, though the annotations take JUnit's"
                                    + " global resource lock (as @Isolated does). A test's threads are told by when"
                                    + " they were created, so these tests must not run in parallel with each other"
                                    + " nor with tests that start threads: run them without " + PARALLEL
                            : on + other + " has not returned, though JUnit went on without it, as JUnit does"
                                    + " where a test times out under @Timeout on a thread of its own"
                                    + " (SEPARATE_THREAD) and does not stop on an interrupt. No annotated test can"
                                    + " be judged until it returns: make it end when interrupted, or time it out on"
                                    + " the test's own thread (@Timeout's default, SAME_THREAD)",
                    overlap);
        } catch (IllegalStateException failed) {
            throw new IllegalStateException(
                    on + "could not start the JFR stream that the assertion reads: " + failed.getMessage(), failed);
        }
    }

    /**
     * Said where a pin was expected and none counted, and the test created no thread: JFR was not even asked (a
     * test's threads are those created while it ran).
     */
    static final String NO_THREAD_CREATED = "no thread was created while the test ran, so none of its own could"
            + " pin: a thread made before it, in @BeforeEach or a field's initializer, is not the test's";

    /**
     * Runs the test, then closes its window whatever the test did. A test that failed fails with its
     * own exception, a failure to close the window (JFR's stop, as the JVM shuts down) added to it as
     * suppressed, rather than replacing it.
     *
     * <p>A test that passed has its window closed with its thread's interrupt flag clear, and set again
     * after: {@link PinStream#close} takes an interrupt for a cancelled run, which gives up waiting for
     * JFR's last events, so a test that returned with the flag set (an {@code InterruptedException} caught
     * and the flag restored, as one should) could lose its pins and pass. It did: 3 of 160 such tests
     * that pinned passed, with another recording running in the JVM (which slows the stream's stop).
     */
    static PinStream.Seen proceedThenClose(Invocation<Void> invocation, Supplier<PinStream.Seen> close)
            throws Throwable {
        try {
            invocation.proceed();
        } catch (Throwable failed) {
            try {
                close.get();
            } catch (RuntimeException | Error closing) {
                failed.addSuppressed(closing);
            }
            throw failed;
        }
        boolean interrupted = Thread.interrupted(); // the test's own flag, not a cancellation of the window
        try {
            return close.get();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Why the test failed: {@link PinRecorder#failure}, the pins whose stacks were cut before any frame of the packages
     * asked for named after the count and listed with their stacks, since they may have decided it.
     *
     * @param cut the pins that would count but for the packages, whose stacks were cut before any of theirs
     */
    static String failure(Expected expected, List<Pin> counted, List<Pin> cut, List<Pin> notCounted, boolean couldPin) {
        List<String> which = new ArrayList<>();
        if (!expected.reason().isEmpty()) {
            which.add("with a reason containing '" + expected.reason() + "'");
        }
        if (!expected.causes().isEmpty()) {
            which.add("of cause "
                    + expected.causes().stream().map(PinCause::id).sorted().collect(Collectors.joining(" or ")));
        }
        if (!expected.packages().isEmpty()) {
            which.add("in " + String.join(", ", expected.packages()));
        }
        String untoldWhy = cut.isEmpty()
                ? ""
                : "could not be told: the recording cut " + (cut.size() == 1 ? "its stack" : "their stacks")
                        + " at its depth before any frame of " + String.join(", ", expected.packages())
                        + ", so the test passes only if it passes with " + (cut.size() == 1 ? "it" : "them")
                        + " counted and without; to tell, record deeper stacks (" + DEEPER_STACKS + ")";
        return PinRecorder.failure(
                        expected.atLeast(),
                        expected.atMost(),
                        which,
                        counted,
                        cut,
                        untoldWhy,
                        Collections.singletonMap("", notCounted),
                        couldPin ? PinRecorder.JOIN_THE_TESTS_THREADS : NO_THREAD_CREATED,
                        ownPackage(expected.where()))
                + System.lineSeparator()
                + "  "
                + expected.askedBy();
    }

    /** How to record deeper stacks in a test JVM. */
    static final String DEEPER_STACKS = "a -XX:FlightRecorderOptions:stackdepth greater than the depth in force, 64"
            + " unless set: 256, say, or 2048, the most the java launcher's documentation gives; in the test JVM's"
            + " options, as Surefire's argLine";

    /** The package of the test's class, where the annotation is on a method or a class; null for neither. */
    private static String ownPackage(AnnotatedElement where) {
        Class<?> type = where instanceof java.lang.reflect.Method method
                ? method.getDeclaringClass()
                : where instanceof Class<?> c ? c : null;
        return type == null ? null : type.getPackageName();
    }

    /**
     * What the test asks for: the annotation of its method, else of its class's {@linkplain #hierarchy hierarchy},
     * else of the hierarchy of the class a {@code @Nested} class runs in ({@link #testClasses}), the nearest first. A
     * dynamic test has neither method nor class of its own: its factory's count.
     */
    private static Optional<Expected> expected(ExtensionContext context) {
        ExtensionContext test = context;
        while (test.getTestMethod().isEmpty() && test.getParent().isPresent()) {
            test = test.getParent().get();
        }
        Optional<Expected> found = test.getTestMethod().flatMap(PinningExtension::expected);
        for (Iterator<Class<?>> classes = testClasses(test).iterator(); found.isEmpty() && classes.hasNext(); ) {
            Class<?> type = classes.next();
            for (Class<?> element : hierarchy(type)) {
                found = expected(element);
                if (found.isPresent()) {
                    break;
                }
            }
        }
        return found;
    }

    /**
     * Where a class's annotation is looked for, in this order: the class itself; its superclasses, the nearest
     * first; then the interfaces, those the class implements in the order of its {@code implements} clause, each
     * followed by the interfaces it extends (depth first), then those of its superclass, and so on up, each interface
     * once. The first that carries either annotation decides, so a subclass's annotation wins over its superclass's,
     * and a class's (or a superclass's) over an interface's.
     */
    static List<Class<?>> hierarchy(Class<?> type) {
        List<Class<?>> order = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            order.add(c);
        }
        int classes = order.size();
        for (int i = 0; i < classes; i++) {
            addInterfaces(order.get(i), order);
        }
        return order;
    }

    private static void addInterfaces(Class<?> type, List<Class<?>> order) {
        for (Class<?> implemented : type.getInterfaces()) {
            if (!order.contains(implemented)) {
                order.add(implemented);
                addInterfaces(implemented, order);
            }
        }
    }

    /**
     * The test's class, then each class it is {@code @Nested} in as JUnit runs it, the nearest first: read from the
     * contexts JUnit runs the test in, as a {@code @Nested} class inherited from a superclass runs in the subclass,
     * whose annotation applies. The class that declares it ({@code getEnclosingClass()}) was read, so the
     * superclass's annotation applied, or none (a helper's hunt, 2026-12-07).
     */
    private static List<Class<?>> testClasses(ExtensionContext context) {
        List<Class<?>> classes = new ArrayList<>();
        for (Optional<ExtensionContext> c = Optional.of(context);
                c.isPresent();
                c = c.get().getParent()) {
            Optional<Class<?>> type = c.get().getTestClass();
            if (type.isPresent() && (classes.isEmpty() || classes.get(classes.size() - 1) != type.get())) {
                classes.add(type.get());
            }
        }
        return classes;
    }

    /** The key of a test class's {@link #misplaced} sentence in the root store: the classes it runs in. */
    private record Misplaced(List<Class<?>> testClasses) {}

    /**
     * Why the annotations of the test's class (its hierarchy, and the classes a {@code @Nested} class is declared in)
     * cannot be used as written: one on a method that is not a test ({@code @BeforeEach}, a helper), where it would
     * do nothing; "" when there is none. Worked out once a class.
     */
    private static String misplaced(ExtensionContext context) {
        List<Class<?>> testClasses = testClasses(context);
        if (testClasses.isEmpty()) {
            return "";
        }
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(new Misplaced(testClasses), key -> misplaced(key.testClasses()), String.class);
    }

    private static String misplaced(List<Class<?>> testClasses) {
        List<String> methods = new ArrayList<>();
        for (Class<?> type : testClasses) {
            for (Class<? extends Annotation> annotation : List.of(ShouldNotPin.class, ShouldPin.class)) {
                for (Method method :
                        AnnotationSupport.findAnnotatedMethods(type, annotation, HierarchyTraversalMode.TOP_DOWN)) {
                    if (!isTest(method)) {
                        methods.add("@" + annotation.getSimpleName() + " on "
                                + method.getDeclaringClass().getName() + "." + method.getName() + "()");
                    }
                }
            }
        }
        return methods.isEmpty()
                ? ""
                : String.join(", ", methods)
                        + (methods.size() == 1 ? ", which is not a test method" : ", which are not test methods")
                        + ": the annotations apply to @Test, @TestTemplate (@ParameterizedTest, @RepeatedTest) and"
                        + " @TestFactory methods and to classes, and would do nothing there; put them on the test"
                        + " methods or on the class";
    }

    /** A method JUnit runs as a test, through the extension's interceptors. */
    private static boolean isTest(Method method) {
        return AnnotationSupport.isAnnotated(method, Test.class)
                || AnnotationSupport.isAnnotated(method, TestTemplate.class)
                || AnnotationSupport.isAnnotated(method, TestFactory.class);
    }

    /**
     * The annotation on the element itself, directly or as a meta-annotation of one of its annotations; never one it
     * inherits from a superclass or an interface ({@link #hierarchy} walks those).
     */
    private static <A extends Annotation> Optional<A> onItself(AnnotatedElement element, Class<A> type) {
        if (!(element instanceof Class<?>)) {
            return AnnotationSupport.findAnnotation(element, type); // a method: direct or meta-present
        }
        for (Annotation annotation : element.getDeclaredAnnotations()) {
            if (annotation.annotationType() == type) {
                return Optional.of(type.cast(annotation));
            }
        }
        for (Annotation annotation : element.getDeclaredAnnotations()) {
            Optional<A> meta = AnnotationSupport.findAnnotation(annotation.annotationType(), type);
            if (meta.isPresent()) {
                return meta;
            }
        }
        return Optional.empty();
    }

    /**
     * An annotation's {@code packages}, each a package name: one that no class's name can start with
     * ({@code "com.example.*"}) would count no pin, so the test would pass whatever pinned; it did, until 2026-12-02.
     */
    private static List<String> packages(String annotation, String[] packages, AnnotatedElement element) {
        Class<?> declaring = element instanceof Class<?> type ? type : ((Method) element).getDeclaringClass();
        for (String name : packages) {
            String why = PinTaxonomy.notAPackage(name, declaring.getClassLoader());
            if (!why.isEmpty()) {
                throw new ExtensionConfigurationException(
                        annotation + "(packages = \"" + name + "\") on " + element + ": " + why);
            }
        }
        return List.of(packages);
    }

    /**
     * Why {@code @ShouldPin}'s {@code cause} asks for pins that cannot count, or "" if it does not: a cause whose pins
     * are never counted (a class's first use or JFR's own, {@link PinTaxonomy#neverTheCodes}), or one it also ignores.
     * Before, {@code @ShouldPin(cause = CLASS_INIT_WAIT)} could never pass, and its failure said it got 0 of that cause
     * with the pin of that cause listed as not counted. An ignored cause that never counts anyway is allowed: it says
     * what is so.
     */
    static String uncountable(Set<PinCause> causes, Set<PinCause> ignore) {
        List<PinCause> never =
                causes.stream().filter(PinTaxonomy::neverTheCodes).sorted().toList();
        if (!never.isEmpty()) {
            return "cause = " + names(never) + ": such pins never count, being a class's first use or JFR's own (see"
                    + " PinTaxonomy), so asking for them counts none; ask only for causes that count: "
                    + names(Arrays.stream(PinCause.values())
                            .filter(cause -> !PinTaxonomy.neverTheCodes(cause))
                            .toList());
        }
        List<PinCause> both = causes.stream().filter(ignore::contains).sorted().toList();
        return both.isEmpty()
                ? ""
                : "cause = " + names(both) + " and ignore = " + names(both) + ": a cause both asked for and ignored"
                        + " counts no pin; drop it from one of them";
    }

    /** Causes as the annotations name them: {@code {CLASS_INIT_WAIT, RECORDER}}, or the one name alone. */
    private static String names(List<PinCause> causes) {
        String names = causes.stream().map(Enum::name).collect(Collectors.joining(", "));
        return causes.size() == 1 ? names : "{" + names + "}";
    }

    private static Optional<Expected> expected(AnnotatedElement element) {
        Optional<ShouldNotPin> none = onItself(element, ShouldNotPin.class);
        Optional<ShouldPin> some = onItself(element, ShouldPin.class);
        if (none.isPresent() && some.isPresent()) {
            throw new ExtensionConfigurationException("@ShouldNotPin and @ShouldPin on the same element: " + element);
        }
        if (some.isPresent()) {
            ShouldPin pin = some.get();
            if (pin.atLeast() < 0 || pin.atMost() < pin.atLeast()) {
                throw new ExtensionConfigurationException("@ShouldPin needs 0 <= atLeast <= atMost, got atLeast="
                        + pin.atLeast() + ", atMost=" + pin.atMost() + " on " + element);
            }
            Set<PinCause> causes = Set.copyOf(Arrays.asList(pin.cause()));
            Set<PinCause> ignore = Set.copyOf(Arrays.asList(pin.ignore()));
            String uncountable = uncountable(causes, ignore);
            if (!uncountable.isEmpty()) {
                throw new ExtensionConfigurationException("@ShouldPin on " + element + ": " + uncountable);
            }
            return Optional.of(new Expected(
                    pin.atLeast(),
                    pin.atMost(),
                    pin.reason(),
                    causes,
                    packages("@ShouldPin", pin.packages(), element),
                    ignore,
                    element,
                    "@ShouldPin"));
        }
        if (none.isPresent()) {
            ShouldNotPin pin = none.get();
            if (pin.atMost() < 0) {
                throw new ExtensionConfigurationException(
                        "@ShouldNotPin needs atMost >= 0, got " + pin.atMost() + " on " + element);
            }
            return Optional.of(new Expected(
                    0,
                    pin.atMost(),
                    pin.reason(),
                    Set.of(),
                    packages("@ShouldNotPin", pin.packages(), element),
                    Set.copyOf(Arrays.asList(pin.ignore())),
                    element,
                    "@ShouldNotPin"));
        }
        return Optional.empty();
    }
}
