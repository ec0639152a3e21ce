package dev.loompatterns.core;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the catalogue says of a pattern, as data: a pattern class holds one in a constant and
 * returns it from {@link Pattern#info()}. Made with {@link #of} and the {@code with...} methods:
 *
 * <pre>{@code
 * static final Param INCREMENTS = Param.ofInt("increments", "increments per worker", 10_000, 1, 10_000_000);
 * static final PatternInfo INFO = PatternInfo.of(6, "lock-counter", "a shared counter guarded by a lock",
 *                 "threads that increment a global counter under threading.Lock", 100)
 *         .withVariants(Variant.of("synchronized", "..."), Variant.wrongWay("unguarded", "..."))
 *         .withParams(INCREMENTS);
 * }</pre>
 *
 * @param number           the position in the catalogue; the example is {@code examples/E<number>_...java}
 * @param id               the id used by the CLI, the tests and the docs (a contract: see docs/design.md)
 * @param title            a few words for {@code loom list}
 * @param tutorial         what the classic tutorial did, that this pattern reimplements
 * @param defaultTasks     tasks per run by default, sized so the whole catalogue compares in about a minute on 2 cores
 * @param maxPlatformTasks the most tasks a platform run may be given (by default one platform thread a task)
 * @param maxTasks         the most tasks a virtual or structured run may be given
 * @param modes            the modes it runs in
 * @param variants         the ways of doing the job; the first is the default; never empty
 * @param runByDefault     what {@code loom run ID} runs without {@code --variant}: the first variant, unless the
 *                         pattern's point is the contrast between its variants
 * @param params           parameters beyond the task count, given as {@code -P name=value}
 */
public record PatternInfo(
        int number,
        String id,
        String title,
        String tutorial,
        int defaultTasks,
        int maxPlatformTasks,
        int maxTasks,
        Set<Mode> modes,
        List<Variant> variants,
        List<Variant> runByDefault,
        List<Param> params) {

    public PatternInfo {
        modes = Collections.unmodifiableSet(
                EnumSet.copyOf(modes)); // in Mode order: rows come out platform, virtual, structured
        variants = List.copyOf(variants);
        runByDefault = List.copyOf(runByDefault);
        params = List.copyOf(params);
        if (variants.isEmpty() || runByDefault.isEmpty()) {
            throw new IllegalArgumentException(id + ": a pattern has at least one variant, and runs one by default");
        }
        if (!variants.containsAll(runByDefault)) {
            throw new IllegalArgumentException(id + ": runs by default a variant it does not have: " + runByDefault);
        }
        if (defaultTasks < 1 || defaultTasks > Math.min(maxPlatformTasks, maxTasks)) {
            throw new IllegalArgumentException(
                    id + ": default tasks " + defaultTasks + " outside 1.." + Math.min(maxPlatformTasks, maxTasks));
        }
    }

    /** A pattern in every mode, with one variant ({@link Variant#DEFAULT}), no parameters and the usual task limits. */
    public static PatternInfo of(int number, String id, String title, String tutorial, int defaultTasks) {
        return new PatternInfo(
                number,
                id,
                title,
                tutorial,
                defaultTasks,
                Limits.MAX_PLATFORM_THREADS,
                Limits.MAX_TASKS,
                EnumSet.allOf(Mode.class),
                List.of(Variant.DEFAULT),
                List.of(Variant.DEFAULT),
                List.of());
    }

    /** The variants; the first is the default and the one run by default. */
    public PatternInfo withVariants(Variant... all) {
        return new PatternInfo(
                number,
                id,
                title,
                tutorial,
                defaultTasks,
                maxPlatformTasks,
                maxTasks,
                modes,
                List.of(all),
                List.of(all[0]),
                params);
    }

    /** The variants {@code loom run ID} runs without {@code --variant} (call after {@link #withVariants}). */
    public PatternInfo withRunByDefault(Variant... some) {
        return new PatternInfo(
                number,
                id,
                title,
                tutorial,
                defaultTasks,
                maxPlatformTasks,
                maxTasks,
                modes,
                variants,
                List.of(some),
                params);
    }

    public PatternInfo withParams(Param... all) {
        return new PatternInfo(
                number,
                id,
                title,
                tutorial,
                defaultTasks,
                maxPlatformTasks,
                maxTasks,
                modes,
                variants,
                runByDefault,
                List.of(all));
    }

    public PatternInfo withModes(Mode first, Mode... more) {
        return new PatternInfo(
                number,
                id,
                title,
                tutorial,
                defaultTasks,
                maxPlatformTasks,
                maxTasks,
                EnumSet.of(first, more),
                variants,
                runByDefault,
                params);
    }

    /**
     * The same limit in every mode: for a pattern whose tasks are not threads (items, requests, pairs),
     * or whose platform form pools its threads.
     */
    public PatternInfo withMaxTasks(int max) {
        return withMaxTasks(max, max);
    }

    public PatternInfo withMaxTasks(int platform, int others) {
        return new PatternInfo(
                number, id, title, tutorial, defaultTasks, platform, others, modes, variants, runByDefault, params);
    }

    /** The most tasks a run in this mode may be given. */
    public int maxTasks(Mode mode) {
        return mode == Mode.PLATFORM ? maxPlatformTasks : maxTasks;
    }
}
