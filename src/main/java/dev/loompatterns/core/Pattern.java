package dev.loompatterns.core;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One entry of the catalogue: a classic threading pattern that runs in every {@link Mode} and
 * checks its own result.
 *
 * <p>Each pattern lives in its own package with one class per mode ({@code PlatformX},
 * {@code VirtualX}, {@code StructuredX}); the class implementing this interface (through
 * {@link AbstractPattern}) only describes the pattern, picks the class for the mode, and checks
 * what it returned. It is registered in {@code META-INF/services/dev.loompatterns.core.Pattern}
 * and found by {@link Catalogue}.
 */
public interface Pattern {

    /**
     * What the catalogue says of the pattern, as data: the pattern class's
     * {@code static final PatternInfo INFO}, which {@link AbstractPattern} finds. The methods below
     * read it; a pattern class does not override them.
     */
    PatternInfo info();

    /** The id used by the CLI, the tests and the docs (a contract: see docs/design.md). */
    default String id() {
        return info().id();
    }

    /** A few words for {@code loom list}. */
    default String title() {
        return info().title();
    }

    /** What the classic tutorial did, that this pattern reimplements. */
    default String tutorial() {
        return info().tutorial();
    }

    /** The position in the catalogue; the pattern's example is {@code examples/E<number>_...java}. */
    default int number() {
        return info().number();
    }

    /** Every mode: a pattern's {@link ByMode} has a form for each. */
    default Set<Mode> modes() {
        return EnumSet.allOf(Mode.class);
    }

    /** The ways of doing the job; the first is the default. Never empty. */
    default List<Variant> variants() {
        return info().variants();
    }

    /**
     * The variants {@code loom run ID} runs when no {@code --variant} is given: the first, unless
     * a pattern's point is the contrast between its variants (pinning: one recording then holds
     * every pin reason).
     */
    default List<Variant> runByDefault() {
        return info().runByDefault();
    }

    /** Parameters beyond the task count, given as {@code -P name=value}. */
    default List<Param> params() {
        return info().params();
    }

    /**
     * How many tasks a run with this workload does, for the row's {@code tasks} and {@code tasks_per_s}:
     * its {@code --tasks}, unless a parameter gives the work another way (url-fetch's {@code urls}).
     */
    default int tasks(Workload workload) {
        return workload.tasks();
    }

    /** Tasks per run by default, sized so the whole catalogue compares in about a minute on 2 cores. */
    default int defaultTasks() {
        return info().defaultTasks();
    }

    /**
     * The most tasks a run in this mode may be given. By default a platform run is held to
     * {@value Limits#MAX_PLATFORM_THREADS} tasks, on the assumption that it starts a thread per
     * task; a pattern that pools its platform threads allows more ({@link PatternInfo.Builder#maxTasks(int)}).
     */
    default int maxTasks(Mode mode) {
        return info().maxTasks(mode);
    }

    /**
     * Checks what the parameters' own ranges cannot, for a run in this mode and variant: values that
     * must fit together, a variant that refuses a parameter, something the process lacks for the run.
     * The CLI calls it for every cell before the first run starts, so that bad input is a usage error
     * that costs nothing and leaves nothing (no run, no recording); {@link #prepare} may check again.
     * By default there is nothing to check.
     *
     * @throws UsageException naming the wrong value and what is allowed
     */
    default void validate(Mode mode, Variant variant, Workload workload) {
        // each parameter was range-checked when the workload was resolved
    }

    /**
     * Runs the pattern once and checks the result. Implementations join every thread they start
     * before returning, also when they throw.
     *
     * @throws InterruptedException if the calling thread is interrupted; the run stops early
     * @throws Exception            any other failure, which the runner reports as a failed check
     */
    Check run(Mode mode, Variant variant, Workload workload) throws Exception;

    /**
     * Sets up what a run needs but does not measure (an embedded server, a client), and returns the
     * run itself. {@link Runner} times only {@link Prepared#run()}, and calls {@link Prepared#close()}
     * after the clock has stopped; so a pattern whose set-up is not part of its lesson keeps it out
     * of {@code wall_ms}. By default there is nothing to set up.
     *
     * @throws Exception a set-up failure, reported like a failure of the run
     */
    default Prepared prepare(Mode mode, Variant variant, Workload workload) throws Exception {
        return () -> run(mode, variant, workload);
    }

    /** A run whose set-up is done: {@link #run()} once, then {@link #close()} to tear the set-up down. */
    interface Prepared extends AutoCloseable {

        Check run() throws Exception;

        @Override
        default void close() throws Exception {
            // nothing was set up
        }
    }

    /** Finds a variant by id, or says which exist. */
    default Variant variant(String id) {
        if (id == null) {
            return variants().getFirst();
        }
        return variants().stream()
                .filter(v -> v.id().equalsIgnoreCase(id.strip()))
                .findFirst()
                .orElseThrow(() -> new UsageException("pattern " + id() + " has no variant '" + id
                        + "'; its variants are "
                        + String.join(", ", variants().stream().map(Variant::id).toList())));
    }
}
