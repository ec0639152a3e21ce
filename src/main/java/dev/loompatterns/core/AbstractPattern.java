package dev.loompatterns.core;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;

/**
 * What every catalogue entry extends. A pattern class declares its metadata as one constant,
 * {@code static final PatternInfo INFO}, and this class makes it the pattern's {@link #info()}:
 * the pattern class writes no constructor and computes or overrides nothing of its metadata.
 * {@link java.util.ServiceLoader} creates it through the default constructor every class without
 * one has:
 *
 * {@snippet :
 * public final class LockCounterPattern extends AbstractPattern {
 *
 *     static final Param INCREMENTS = Param.ofInt("increments", "increments per worker", 10_000, 1, 10_000_000);
 *
 *     static final PatternInfo INFO =
 *             PatternInfo.fromCatalogue("lock-counter").params(INCREMENTS).build();
 *
 *     static final ByMode<Form> FORMS =
 *             new ByMode<>(PlatformLockCounter::new, VirtualLockCounter::new, StructuredLockCounter::new);
 *
 *     @Override
 *     public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
 *         // ...
 *     }
 * }
 * }
 *
 * <p>The constant is found by its name when an instance is made, the way serialization finds
 * {@code serialVersionUID}, so that no pattern class has a constructor only to hand its constant
 * on. A class without the constant, or with one of another kind, fails when it is first created,
 * naming what it lacks; {@code CatalogueTest} creates every registered pattern, so the build
 * catches it.
 */
public abstract class AbstractPattern implements Pattern {

    /** The name of the constant a pattern class declares its metadata in. */
    static final String INFO_FIELD = "INFO";

    private final PatternInfo info;

    /** @throws IllegalStateException if the class declares no {@code static final PatternInfo INFO} */
    protected AbstractPattern() {
        this.info = declaredInfo(getClass());
    }

    @Override
    public final PatternInfo info() {
        return info;
    }

    /** The class's {@code static final PatternInfo INFO}: its class is initialised, or being initialised by this thread. */
    static PatternInfo declaredInfo(Class<?> type) {
        String wanted = "static final " + PatternInfo.class.getSimpleName() + " " + INFO_FIELD;
        Field field;
        try {
            field = type.getDeclaredField(INFO_FIELD);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(type.getName() + " declares no " + wanted + ": a pattern's metadata");
        }
        int modifiers = field.getModifiers();
        if (!Modifier.isStatic(modifiers) || !Modifier.isFinal(modifiers) || field.getType() != PatternInfo.class) {
            throw new IllegalStateException(type.getName() + "." + INFO_FIELD + " must be " + wanted);
        }
        try {
            field.setAccessible(true); // package-private in its own package, as every pattern's constants are
            PatternInfo info = (PatternInfo) field.get(null);
            if (info == null) {
                throw new IllegalStateException(type.getName() + "." + INFO_FIELD
                        + " is null (created during its class's static initialisation?)");
            }
            return info;
        } catch (IllegalAccessException | InaccessibleObjectException e) { // a package not open to this one
            throw new IllegalStateException(
                    type.getName() + "." + INFO_FIELD + " cannot be read: " + e.getMessage(), e);
        }
    }
}
