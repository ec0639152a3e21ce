package dev.loompatterns.core;

import java.util.List;

/**
 * What the catalogue says of a pattern, as data: a pattern class holds one in a constant and
 * returns it from {@link Pattern#info()}. The words (number, id, title, tutorial, default tasks,
 * what a task is, variants) are in {@code catalogue.txt} beside this class; {@link #fromCatalogue} reads them
 * into a builder, and the pattern class adds what its code uses, its parameters and task limits:
 *
 * <pre>{@code
 * static final Param INCREMENTS = Param.ofInt("increments", "increments per worker", 10_000, 1, 10_000_000);
 * static final PatternInfo INFO = PatternInfo.fromCatalogue("lock-counter").params(INCREMENTS).build();
 * }</pre>
 *
 * {@link #of} and the builder's methods make one by hand (a test's):
 *
 * <pre>{@code
 * PatternInfo.of(99, "sample", "a sample", "none", 5)
 *         .variants(Variant.of("a", "..."), Variant.wrongWay("b", "..."))
 *         .build();
 * }</pre>
 *
 * @param number           the position in the catalogue; the example is {@code examples/E<number>_...java}
 * @param id               the id used by the CLI, the tests and the docs (a contract: see docs/design.md)
 * @param title            a few words for {@code loom list}
 * @param tutorial         what the classic tutorial did, that this pattern reimplements
 * @param defaultTasks     tasks per run by default, sized so the whole catalogue compares in about a minute on 2 cores
 * @param task             what one task is, as {@code loom list ID} says it after "a task is" ({@code a pair of
 *                         workers}): {@code --tasks} counts workers in one pattern, items, requests or races in
 *                         others; empty where nothing says (a test's pattern)
 * @param maxPlatformTasks the most tasks a platform run may be given (by default one platform thread a task)
 * @param maxTasks         the most tasks a virtual or structured run may be given
 * @param variants         the ways of doing the job; the first is the default; never empty
 * @param everyVariantByDefault true if {@code loom run ID} without {@code --variant} runs every variant (the
 *                         pattern's point is the contrast between them), false for the first only
 * @param params           parameters beyond the task count, given as {@code -P name=value}
 */
public record PatternInfo(
        int number,
        String id,
        String title,
        String tutorial,
        int defaultTasks,
        String task,
        int maxPlatformTasks,
        int maxTasks,
        List<Variant> variants,
        boolean everyVariantByDefault,
        List<Param> params) {

    public PatternInfo {
        variants = List.copyOf(variants);
        params = List.copyOf(params);
        if (variants.isEmpty()) {
            throw new IllegalArgumentException(id + ": a pattern has at least one variant");
        }
        if (defaultTasks < 1 || defaultTasks > Math.min(maxPlatformTasks, maxTasks)) {
            throw new IllegalArgumentException(
                    id + ": default tasks " + defaultTasks + " outside 1.." + Math.min(maxPlatformTasks, maxTasks));
        }
    }

    /**
     * A pattern with one variant ({@link Variant#DEFAULT}), no parameters and the usual task limits,
     * until the builder says otherwise.
     */
    public static Builder of(int number, String id, String title, String tutorial, int defaultTasks) {
        return new Builder(number, id, title, tutorial, defaultTasks);
    }

    /**
     * A builder holding what {@code catalogue.txt} says of the pattern {@code id} (number, title,
     * tutorial, default tasks, variants, and whether every variant runs by default; see
     * {@link CatalogueFile}), to which the pattern class adds its parameters and task limits.
     *
     * @throws IllegalArgumentException if the file has no block for {@code id}; a malformed file
     *     fails the first read with {@link ExceptionInInitializerError}, its cause naming the line
     */
    public static Builder fromCatalogue(String id) {
        return CatalogueFile.get().entry(id).builder();
    }

    /**
     * The variant whose id is exactly {@code id}: for a pattern's code, which names its variants by
     * id ({@link Pattern#variant(String)} reads what a user typed).
     *
     * @throws IllegalArgumentException if there is none
     */
    public Variant variant(String id) {
        return variants.stream()
                .filter(v -> v.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("pattern " + this.id + " has no variant '" + id
                        + "'; its variants are "
                        + String.join(", ", variants.stream().map(Variant::id).toList())));
    }

    /** What {@code loom run ID} runs when no {@code --variant} is given. */
    public List<Variant> runByDefault() {
        return everyVariantByDefault ? variants : List.of(variants.getFirst());
    }

    /** The most tasks a run in this mode may be given. */
    public int maxTasks(Mode mode) {
        return mode == Mode.PLATFORM ? maxPlatformTasks : maxTasks;
    }

    /** The parts of a {@link PatternInfo} beyond the five every pattern names. */
    public static final class Builder {
        private final int number;
        private final String id;
        private final String title;
        private final String tutorial;
        private final int defaultTasks;
        private String task = "";
        private int maxPlatformTasks = Limits.MAX_PLATFORM_THREADS;
        private int maxTasks = Limits.MAX_TASKS;
        private List<Variant> variants = List.of(Variant.DEFAULT);
        private boolean everyVariantByDefault;
        private List<Param> params = List.of();

        private Builder(int number, String id, String title, String tutorial, int defaultTasks) {
            this.number = number;
            this.id = id;
            this.title = title;
            this.tutorial = tutorial;
            this.defaultTasks = defaultTasks;
        }

        /**
         * A builder holding what {@code words} says as the catalogue says it (number, id, title, tutorial, tasks,
         * what a task is, variants, whether every variant runs by default), its limits and parameters left as
         * {@link #of} leaves them.
         */
        static Builder from(PatternInfo words) {
            Builder builder = new Builder(words.number, words.id, words.title, words.tutorial, words.defaultTasks)
                    .task(words.task)
                    .variants(words.variants.toArray(Variant[]::new));
            builder.everyVariantByDefault = words.everyVariantByDefault;
            return builder;
        }

        /** What one task is ({@link PatternInfo#task()}). */
        public Builder task(String what) {
            task = java.util.Objects.requireNonNull(what, "task");
            return this;
        }

        /**
         * The variants; the first is the default and, unless {@link #everyVariantByDefault}, the one run by default.
         */
        public Builder variants(Variant... all) {
            variants = List.of(all);
            return this;
        }

        /** {@code loom run ID} runs every variant: the pattern's point is the contrast between them. */
        public Builder everyVariantByDefault() {
            everyVariantByDefault = true;
            return this;
        }

        public Builder params(Param... all) {
            params = List.of(all);
            return this;
        }

        /**
         * The same limit in every mode: for a pattern whose tasks are not threads (items, requests, pairs),
         * or whose platform form pools its threads.
         */
        public Builder maxTasks(int max) {
            return maxTasks(max, max);
        }

        public Builder maxTasks(int platform, int others) {
            maxPlatformTasks = platform;
            maxTasks = others;
            return this;
        }

        public PatternInfo build() {
            return new PatternInfo(
                    number,
                    id,
                    title,
                    tutorial,
                    defaultTasks,
                    task,
                    maxPlatformTasks,
                    maxTasks,
                    variants,
                    everyVariantByDefault,
                    params);
        }
    }
}
