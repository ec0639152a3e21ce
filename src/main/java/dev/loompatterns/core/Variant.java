package dev.loompatterns.core;

import java.util.Locale;

/**
 * One way of doing a pattern's job, the same in every mode (for example the counter's
 * {@code synchronized} or {@code long-adder}).
 *
 * @param id          the name used on the command line and in reports
 * @param description one line for {@code loom list}
 * @param wrongWay    true for a variant that demonstrates a mistake (an unguarded counter); its
 *                    check says whether this run showed the mistake (shown, or not shown and
 *                    why) instead of failing the run
 */
public record Variant(String id, String description, boolean wrongWay) {

    /** The variant of a pattern that has only one way of doing its job. */
    public static final Variant DEFAULT = new Variant("default", "the pattern's only variant", false);

    public static Variant of(String id, String description) {
        return new Variant(id, description, false);
    }

    public static Variant wrongWay(String id, String description) {
        return new Variant(id, description, true);
    }

    /**
     * The constant of {@code type} that this variant's id names: the id upper-cased, dashes as
     * underscores ({@code mdc-lost} is {@code MDC_LOST}). For a pattern whose variants are an enum.
     *
     * @throws IllegalArgumentException if {@code type} has no such constant
     */
    public <E extends Enum<E>> E as(Class<E> type) {
        return Enum.valueOf(type, id.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
