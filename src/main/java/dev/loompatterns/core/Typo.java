package dev.loompatterns.core;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** The word a person probably meant, for "did you mean" hints: of ids, commands, options. */
public final class Typo {

    private Typo() {}

    /**
     * What was typed, if it begins exactly one candidate ({@code back}: {@code backpressure}); else
     * the candidate closest to it, if close enough to be a typo: at most {@code max(2, a third of its
     * length)} edits away (a letter added, dropped, changed, or two neighbours swapped); null if none
     * is, or nothing was typed. Leading dashes and case are not compared.
     */
    public static String nearest(String typed, Collection<String> candidates) {
        String bare = bare(typed);
        if (bare.isEmpty()) {
            return null;
        }
        List<String> begun = candidates.stream()
                .filter(candidate -> bare(candidate).startsWith(bare))
                .toList();
        if (begun.size() == 1) {
            return begun.getFirst();
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = editDistance(bare, bare(candidate));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        boolean close = best != null && bestDistance <= Math.max(2, bare(best).length() / 3);
        return close ? best : null;
    }

    private static String bare(String word) {
        return word.replaceFirst("^-+", "").toLowerCase(Locale.ROOT);
    }

    /** Edits from a to b: letters inserted, deleted or substituted, and two neighbours swapped. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int substitution = d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                d[i][j] = Math.min(substitution, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
