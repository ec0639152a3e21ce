package dev.loompatterns.core;

import java.util.Locale;

/** Counts in words, for the lines a check or a note says: {@code 1 table}, {@code 2 tables}. */
public final class Words {

    private Words() {}

    /**
     * The count and the noun, in the singular for 1 alone: "1 tables of 16 KiB built" and "1 cancels came after" were
     * printed (a hunt).
     *
     * @param one  the noun for one ({@code body})
     * @param many the noun for any other count ({@code bodies})
     */
    public static String count(long count, String one, String many) {
        return String.format(Locale.ROOT, "%d %s", count, count == 1 ? one : many);
    }
}
