package dev.loompatterns.fidelity;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;

/**
 * Where an example's {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} go instead: fidelity runs the
 * example's {@code main} in loom's JVM, which such a call ended, and loom's Ctrl-C hook then said a signal had
 * stopped it (a helper's audit, 2026-12-07). The calls are rewritten in the class files javac wrote (the JDK's
 * class-file API, JEP 484, final in JDK 24) to these methods, which throw {@link Called} instead. The examples
 * exit so only for bad arguments, which fidelity does not give; another file's may exit where its check fails.
 * Public only because the example's classes, in a loader of their own, call it.
 */
public final class ExampleExit {

    private static final ClassDesc SELF = ClassDesc.of(ExampleExit.class.getName());
    private static final ClassDesc RUNTIME = ClassDesc.of(Runtime.class.getName());

    private ExampleExit() {}

    /** Thrown in place of the exit: an {@link Error}, so that an example's {@code catch (Exception e)} passes it on. */
    public static final class Called extends Error {
        private static final long serialVersionUID = 1L;

        Called(String call) {
            super(call, null, false, false);
        }
    }

    /** In place of {@code System.exit(status)}. */
    public static void exit(int status) {
        throw new Called("System.exit(" + status + ")");
    }

    /** In place of {@code runtime.exit(status)}. */
    public static void exit(Runtime runtime, int status) {
        throw new Called("Runtime.exit(" + status + ")");
    }

    /** In place of {@code runtime.halt(status)}. */
    public static void halt(Runtime runtime, int status) {
        throw new Called("Runtime.halt(" + status + ")");
    }

    /** {@code bytes}, a class file, with each call that would end the JVM made a call to this class instead. */
    static byte[] rewritten(byte[] bytes) {
        ClassFile files = ClassFile.of();
        return files.transformClass(files.parse(bytes), ClassTransform.transformingMethodBodies((code, element) -> {
            if (element instanceof InvokeInstruction call && endsTheJvm(call)) {
                MethodTypeDesc type = call.typeSymbol();
                if (call.owner().asSymbol().equals(RUNTIME)) { // the instance becomes the first argument
                    type = type.insertParameterTypes(0, RUNTIME);
                }
                code.invokestatic(SELF, call.name().stringValue(), type);
            } else {
                code.with(element);
            }
        }));
    }

    private static boolean endsTheJvm(InvokeInstruction call) {
        String owner = call.owner().asInternalName();
        String name = call.name().stringValue();
        String type = call.type().stringValue();
        return type.equals("(I)V")
                && ((owner.equals("java/lang/System") && name.equals("exit"))
                        || (owner.equals("java/lang/Runtime") && (name.equals("exit") || name.equals("halt"))));
    }
}
