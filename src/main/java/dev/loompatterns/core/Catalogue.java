package dev.loompatterns.core;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Every pattern on the class path, in catalogue order. Patterns register themselves through
 * {@link ServiceLoader}, so the catalogue is never a hand-kept list in this package, and tests
 * that run "the whole catalogue" see every pattern that exists.
 */
public final class Catalogue {

    private final List<Pattern> patterns;

    private Catalogue(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /** These patterns, in this order (for tests, and tools that bring patterns of their own). */
    public static Catalogue of(List<Pattern> patterns) {
        return new Catalogue(patterns);
    }

    /** The patterns registered in {@code META-INF/services/dev.loompatterns.core.Pattern}. */
    public static Catalogue load() {
        try {
            List<Pattern> found = ServiceLoader.load(Pattern.class).stream()
                    .map(ServiceLoader.Provider::get)
                    .sorted(Comparator.comparingInt(Pattern::number))
                    .toList();
            return new Catalogue(found);
        } catch (ServiceConfigurationError e) {
            throw notLoaded(e);
        }
    }

    /**
     * A mistake in {@code catalogue.txt} reaches the loader as "Provider ... could not be instantiated",
     * naming whichever pattern was made first, with the line at fault two causes down: it is said first.
     */
    static IllegalStateException notLoaded(ServiceConfigurationError e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root.getMessage() == null ? root.toString() : root.getMessage();
        return new IllegalStateException("the catalogue did not load: " + why + " (" + e.getMessage() + ")", e);
    }

    public List<Pattern> patterns() {
        return patterns;
    }

    public List<String> ids() {
        return patterns.stream().map(Pattern::id).toList();
    }

    /**
     * Finds a pattern by id.
     *
     * @throws UsageException naming the nearest id, if one is near, and {@code loom list}, which lists them all: the
     *     list itself, 21 ids on one line, was 308 characters
     */
    public Pattern find(String id) {
        for (Pattern pattern : patterns) {
            if (pattern.id().equals(id)) {
                return pattern;
            }
        }
        String nearest = nearest(id);
        String hint = nearest == null ? " " : "; did you mean '" + nearest + "'? ";
        throw new UsageException("unknown pattern '" + id + "'" + hint + "(see 'loom list')");
    }

    /** The id closest to what was typed, if it is close enough to be a typo ({@link Typo#nearest}). */
    String nearest(String typed) {
        return Typo.nearest(typed, ids());
    }

    @Override
    public String toString() {
        return patterns.stream().map(Pattern::id).collect(Collectors.joining(", ", "Catalogue[", "]"));
    }
}
