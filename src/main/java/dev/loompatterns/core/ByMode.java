package dev.loompatterns.core;

import java.util.function.Supplier;

/**
 * A pattern's three forms, one a mode: the one place where a mode picks a class. A pattern class
 * holds one ({@code static final ByMode<Form> FORMS = new ByMode<>(PlatformX::new, VirtualX::new,
 * StructuredX::new)}) and its tests use the same.
 *
 * @param <F> what every form implements: the package's {@code Form}
 */
public record ByMode<F>(
        Supplier<? extends F> platform, Supplier<? extends F> virtual, Supplier<? extends F> structured) {

    /** A new instance of the form for {@code mode}. */
    public F of(Mode mode) {
        return switch (mode) {
            case PLATFORM -> platform.get();
            case VIRTUAL -> virtual.get();
            case STRUCTURED -> structured.get();
        };
    }
}
