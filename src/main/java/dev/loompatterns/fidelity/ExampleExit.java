package dev.loompatterns.fidelity;

import java.io.ByteArrayOutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where an example's {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} go instead: fidelity runs the
 * example's {@code main} in loom's JVM, which such a call ended, and loom's Ctrl-C hook then said a signal had
 * stopped it (a helper's audit, 2026-12-07). The class files javac wrote are rewritten (the JDK's class-file API, JEP
 * 484, final in JDK 24) so that each way to them the class file names goes here instead, and throws {@link Called}:
 * a direct call; a method reference or any other method-handle constant ({@code IntConsumer c = System::exit}, which
 * the JVM resolves itself, escaped the rewrite of calls and ended the JVM: a review); and reflection, refused where
 * the example gets hold of the method ({@code System.class.getMethod("exit", int.class)}, a {@code Lookup}'s {@code
 * findStatic}, {@code findVirtual}, {@code findSpecial} or {@code bind}). What the class file does not name, it
 * cannot rewrite: see docs/cli.md, fidelity. The project's examples exit so for bad arguments, which fidelity does
 * not give, E03 and E14 on an unusable temporary folder, and E11 where the process may not open the files its
 * requests need (ulimit -n), which fidelity meets:
 * {@link Example} reports the exit with what the example said on stderr before it. Public only because the example's
 * classes, in a loader of their own, call it.
 */
public final class ExampleExit {

    private static final ClassDesc SELF = ClassDesc.of(ExampleExit.class.getName());
    private static final ClassDesc SYSTEM = ClassDesc.of(System.class.getName());
    private static final ClassDesc RUNTIME = ClassDesc.of(Runtime.class.getName());
    private static final ClassDesc METHOD = ClassDesc.of(Method.class.getName());
    private static final ClassDesc LOOKUP = ClassDesc.of(MethodHandles.Lookup.class.getName());

    /** The {@code Lookup} methods that find a method by its class and name, each given a stand-in here. */
    private static final Set<String> FINDS = Set.of("findStatic", "findVirtual", "findSpecial", "bind");

    /** The first exit of the example's run, in whatever thread it was called: {@link #takeFirst}. */
    private static final AtomicReference<Called> FIRST = new AtomicReference<>();

    /** Where the example's stderr goes while it runs, or null. */
    private static volatile ByteArrayOutputStream STDERR;

    private ExampleExit() {}

    /** Thrown in place of the exit: an {@link Error}, so that an example's {@code catch (Exception e)} passes it on. */
    public static final class Called extends Error {
        private static final long serialVersionUID = 1L;

        private final String call;

        /**
         * What the example had printed on stderr when it called the exit: its reason, where it gives one. Not what
         * follows, such as the stack trace a thread's default handler prints of this error.
         */
        private String said = "";

        private Called(String what, String call) {
            super(what, null, false, false);
            this.call = call;
        }

        /** The call with its status, {@code System.exit(2)}, or empty where the example looked the exit up. */
        String call() {
            return call;
        }

        String said() {
            return said;
        }
    }

    /**
     * Forgets an exit from a run before, and from now on keeps with each exit what the example had printed on {@code
     * stderr} by then ({@link Called#said}).
     */
    static void start(ByteArrayOutputStream stderr) {
        FIRST.set(null);
        STDERR = stderr;
    }

    /**
     * The first exit called since {@link #start}, in any thread (an exit in a thread of the example's own ends the
     * JVM as one in {@code main} does), or null.
     */
    static Called takeFirst() {
        STDERR = null;
        return FIRST.getAndSet(null);
    }

    private static Called called(String method, int status) {
        String call = method + "(" + status + ")";
        return first(new Called("called " + call, call));
    }

    private static Called lookedUp(String method, String how) {
        return first(new Called("looked up " + method + " (" + how + ")", ""));
    }

    private static Called first(Called called) {
        ByteArrayOutputStream stderr = STDERR;
        if (stderr != null) {
            called.said = stderr.toString(StandardCharsets.UTF_8);
        }
        FIRST.compareAndSet(null, called);
        return called;
    }

    /** In place of {@code System.exit(status)}. */
    public static void exit(int status) {
        throw called("System.exit", status);
    }

    /** In place of {@code runtime.exit(status)}. */
    public static void exit(Runtime runtime, int status) {
        throw called("Runtime.exit", status);
    }

    /** In place of {@code runtime.halt(status)}. */
    public static void halt(Runtime runtime, int status) {
        throw called("Runtime.halt", status);
    }

    /** What a call that returns a {@code Method} returned, refused if it is one that ends the JVM. */
    public static Method checked(Method method) {
        if (method != null && endsTheJvm(method.getDeclaringClass(), method.getName())) {
            throw lookedUp(method.getDeclaringClass().getSimpleName() + "." + method.getName(), "by reflection");
        }
        return method;
    }

    /** What a call that returns methods returned ({@code getMethods()}), refused if one of them ends the JVM. */
    public static Method[] checked(Method[] methods) {
        if (methods != null) {
            for (Method method : methods) {
                checked(method);
            }
        }
        return methods;
    }

    /** In place of {@code lookup.findStatic(owner, name, type)}. */
    public static MethodHandle findStatic(MethodHandles.Lookup lookup, Class<?> owner, String name, MethodType type)
            throws NoSuchMethodException, IllegalAccessException {
        refuse(owner, name, "findStatic");
        return lookup.findStatic(owner, name, type);
    }

    /** In place of {@code lookup.findVirtual(owner, name, type)}. */
    public static MethodHandle findVirtual(MethodHandles.Lookup lookup, Class<?> owner, String name, MethodType type)
            throws NoSuchMethodException, IllegalAccessException {
        refuse(owner, name, "findVirtual");
        return lookup.findVirtual(owner, name, type);
    }

    /** In place of {@code lookup.findSpecial(owner, name, type, caller)}. */
    public static MethodHandle findSpecial(
            MethodHandles.Lookup lookup, Class<?> owner, String name, MethodType type, Class<?> caller)
            throws NoSuchMethodException, IllegalAccessException {
        refuse(owner, name, "findSpecial");
        return lookup.findSpecial(owner, name, type, caller);
    }

    /** In place of {@code lookup.bind(receiver, name, type)}. */
    public static MethodHandle bind(MethodHandles.Lookup lookup, Object receiver, String name, MethodType type)
            throws NoSuchMethodException, IllegalAccessException {
        if (receiver != null) {
            refuse(receiver.getClass(), name, "bind");
        }
        return lookup.bind(receiver, name, type);
    }

    private static void refuse(Class<?> owner, String name, String find) {
        if (endsTheJvm(owner, name)) {
            throw lookedUp(owner.getSimpleName() + "." + name, "MethodHandles.Lookup." + find);
        }
    }

    /** Only System and Runtime are asked by name: a hidden class (a lambda's) or an array class has no ClassDesc. */
    private static boolean endsTheJvm(Class<?> owner, String name) {
        return (owner == System.class || owner == Runtime.class) && endsTheJvm(ClassDesc.of(owner.getName()), name);
    }

    private static boolean endsTheJvm(ClassDesc owner, String name) {
        return (owner.equals(SYSTEM) && name.equals("exit"))
                || (owner.equals(RUNTIME) && (name.equals("exit") || name.equals("halt")));
    }

    /**
     * {@code bytes}, a class file, with each call that would end the JVM made a call to this class instead, each
     * method-handle constant to such a method made one to this class's, and each look-up of one checked.
     */
    static byte[] rewritten(byte[] bytes) {
        ClassFile files = ClassFile.of();
        return files.transformClass(files.parse(bytes), ClassTransform.transformingMethodBodies((code, element) -> {
            switch (element) {
                case InvokeInstruction call
                when endsTheJvm(call) -> {
                    MethodTypeDesc type = call.typeSymbol();
                    if (call.owner().asSymbol().equals(RUNTIME)) { // the instance becomes the first argument
                        type = type.insertParameterTypes(0, RUNTIME);
                    }
                    code.invokestatic(SELF, call.name().stringValue(), type);
                }
                case InvokeInstruction call
                when call.owner().asSymbol().equals(LOOKUP)
                        && FINDS.contains(call.name().stringValue()) ->
                    code.invokestatic(
                            SELF, call.name().stringValue(), call.typeSymbol().insertParameterTypes(0, LOOKUP));
                case InvokeInstruction call
                when returnsMethods(call.typeSymbol()) -> {
                    code.with(call);
                    ClassDesc returned = call.typeSymbol().returnType();
                    code.invokestatic(SELF, "checked", MethodTypeDesc.of(returned, returned));
                }
                case InvokeDynamicInstruction site
                when !redirected(site.bootstrapArgs()).equals(site.bootstrapArgs()) ->
                    code.invokedynamic(DynamicCallSiteDesc.of(
                            site.bootstrapMethod(),
                            site.name().stringValue(),
                            site.typeSymbol(),
                            redirected(site.bootstrapArgs()).toArray(ConstantDesc[]::new)));
                case ConstantInstruction.LoadConstantInstruction constant
                when !redirected(constant.constantValue()).equals(constant.constantValue()) ->
                    code.ldc(redirected(constant.constantValue()));
                default -> code.with(element);
            }
        }));
    }

    private static boolean endsTheJvm(InvokeInstruction call) {
        return call.type().stringValue().equals("(I)V")
                && endsTheJvm(call.owner().asSymbol(), call.name().stringValue());
    }

    private static boolean returnsMethods(MethodTypeDesc type) {
        return type.returnType().equals(METHOD) || type.returnType().equals(METHOD.arrayType());
    }

    private static List<ConstantDesc> redirected(List<ConstantDesc> constants) {
        return constants.stream().map(ExampleExit::redirected).toList();
    }

    /**
     * A constant, with a handle to a method that ends the JVM made a handle to this class's stand-in for it (a
     * handle to an instance method becomes a static one taking the instance first, as the rewritten calls do), also
     * among a dynamic constant's arguments; any other constant as it is.
     */
    private static ConstantDesc redirected(ConstantDesc constant) {
        return switch (constant) {
            case DirectMethodHandleDesc handle
            when handle.kind() != DirectMethodHandleDesc.Kind.GETTER
                    && handle.kind() != DirectMethodHandleDesc.Kind.STATIC_GETTER
                    && handle.lookupDescriptor().equals("(I)V")
                    && endsTheJvm(handle.owner(), handle.methodName()) ->
                MethodHandleDesc.ofMethod(
                        DirectMethodHandleDesc.Kind.STATIC, SELF, handle.methodName(), handle.invocationType());
            case DynamicConstantDesc<?> dynamic
            when !redirected(dynamic.bootstrapArgsList()).equals(dynamic.bootstrapArgsList()) ->
                DynamicConstantDesc.ofNamed(
                        dynamic.bootstrapMethod(),
                        dynamic.constantName(),
                        dynamic.constantType(),
                        redirected(dynamic.bootstrapArgsList()).toArray(ConstantDesc[]::new));
            default -> constant;
        };
    }
}
