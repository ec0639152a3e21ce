package dev.loompatterns.core;

import java.util.Comparator;
import java.util.List;
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

    /** The patterns registered in {@code META-INF/services/dev.loompatterns.core.Pattern}. */
    public static Catalogue load() {
        List<Pattern> found = ServiceLoader.load(Pattern.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparingInt(Pattern::number))
                .toList();
        return new Catalogue(found);
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
     * @throws UsageException listing the known ids and the nearest match
     */
    public Pattern find(String id) {
        for (Pattern pattern : patterns) {
            if (pattern.id().equals(id)) {
                return pattern;
            }
        }
        String known = String.join(", ", ids());
        String nearest = nearest(id);
        String hint = nearest == null ? "" : "did you mean '" + nearest + "'? ";
        throw new UsageException("unknown pattern '" + id + "'; " + hint + "known patterns: " + known);
    }

    /** The id closest to what was typed, if it is close enough to be a typo. */
    String nearest(String typed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String id : ids()) {
            int distance = editDistance(typed.toLowerCase(java.util.Locale.ROOT), id);
            if (distance < bestDistance) {
                best = id;
                bestDistance = distance;
            }
        }
        boolean close = best != null && (bestDistance <= Math.max(2, best.length() / 3) || best.startsWith(typed));
        return close ? best : null;
    }

    /** Levenshtein distance, two rows at a time. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    @Override
    public String toString() {
        return patterns.stream().map(Pattern::id).collect(Collectors.joining(", ", "Catalogue[", "]"));
    }
}
