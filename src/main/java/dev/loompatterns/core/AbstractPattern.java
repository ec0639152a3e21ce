package dev.loompatterns.core;

import java.util.Objects;

/**
 * What every catalogue entry extends: it is given its {@link PatternInfo} once, by its
 * constructor, and {@link #info()} returns it, so the metadata is data and no pattern class
 * computes or overrides it. A pattern class passes its {@code INFO} constant from a public no-arg
 * constructor, which {@link java.util.ServiceLoader} calls:
 *
 * <pre>{@code
 * public final class LockCounterPattern extends AbstractPattern {
 *
 *     static final PatternInfo INFO = PatternInfo.fromCatalogue("lock-counter").params(INCREMENTS).build();
 *
 *     public LockCounterPattern() {
 *         super(INFO);
 *     }
 * }
 * }</pre>
 */
public abstract class AbstractPattern implements Pattern {

    private final PatternInfo info;

    protected AbstractPattern(PatternInfo info) {
        this.info = Objects.requireNonNull(info, "info");
    }

    @Override
    public final PatternInfo info() {
        return info;
    }
}
