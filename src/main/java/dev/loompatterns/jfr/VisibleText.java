package dev.loompatterns.jfr;

import java.util.Locale;

/**
 * Text from a recording or a thread dump, a program's thread names and frames, made safe to print: {@code loom
 * inspect}'s reports and {@code loom dump}'s tree use it, and {@link ShellWord}. Compiled for Java 21 with the
 * analysis, which uses it through {@link ShellWord}.
 */
public final class VisibleText {

    private VisibleText() {}

    /**
     * The line with its control characters written out ({@code \n}, {@code \t}, {@code \\u001b}): a
     * thread named with an escape sequence or a newline cannot move the cursor, recolour the terminal or
     * forge a line of a report or a dump's tree.
     */
    public static String of(String line) {
        StringBuilder shown = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean control = isControl(c);
            if (control && shown == null) {
                shown = new StringBuilder(line.length() + 8).append(line, 0, i);
            }
            if (shown != null) {
                if (!control) {
                    shown.append(c);
                } else if (c == '\n') {
                    shown.append("\\n");
                } else if (c == '\t') {
                    shown.append("\\t");
                } else if (c == '\r') {
                    shown.append("\\r");
                } else {
                    shown.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                }
            }
        }
        return shown == null ? line : shown.toString();
    }

    /**
     * Whether a terminal would act on the character rather than show it: a C0 or C1 control, DEL, a line or paragraph
     * separator, or a bidirectional embedding, override, isolate or mark, which reorder a line. The CLI's one-line
     * messages ({@code LoomCli.oneLine}) write out the same characters.
     */
    public static boolean isControl(char c) {
        return c < 0x20
                || c >= 0x7f && c <= 0x9f
                || c == 0x2028 // line and paragraph separators
                || c == 0x2029
                || c >= 0x202a && c <= 0x202e // bidirectional embeddings and overrides: they reorder a line
                || c >= 0x2066 && c <= 0x2069
                || c == 0x200e // left-to-right and right-to-left marks, and Arabic's
                || c == 0x200f
                || c == 0x061c;
    }

    /**
     * The columns a terminal gives {@code text}: two for an East Asian wide or full-width character (CJK, Hangul,
     * full-width forms, most emoji), none for a combining mark or a zero-width character, one for any other. A report
     * that fits 120 columns measures its lines so: a line of 117 characters of CJK took 208 columns (a helper's
     * hunt). The ranges are Markus Kuhn's {@code wcwidth}'s, as terminals use them, not all of Unicode's East Asian
     * Width property.
     */
    public static int columns(CharSequence text) {
        return columns(text, 0, text.length());
    }

    /** The columns of {@code text} from {@code from} to {@code to} (char indices), as {@link #columns(CharSequence)}. */
    public static int columns(CharSequence text, int from, int to) {
        int columns = 0;
        for (int i = from; i < to; ) {
            int c = Character.codePointAt(text, i);
            columns += width(c);
            i += Character.charCount(c);
        }
        return columns;
    }

    /**
     * The greatest index {@code i} from {@code from} such that {@code text} from {@code from} to {@code i} takes at most
     * {@code columns} columns: where a line that begins at {@code from} must end. Never inside a surrogate pair.
     */
    public static int indexAtColumns(CharSequence text, int from, int columns) {
        int used = 0;
        int i = from;
        while (i < text.length()) {
            int c = Character.codePointAt(text, i);
            int next = used + width(c);
            if (next > columns) {
                break;
            }
            used = next;
            i += Character.charCount(c);
        }
        return i;
    }

    private static int width(int c) {
        int type = Character.getType(c);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || c == 0x200b) {
            return 0;
        }
        boolean wide = c >= 0x1100 && c <= 0x115f // Hangul Jamo initial consonants
                || c == 0x2329
                || c == 0x232a
                || c >= 0x2e80 && c <= 0xa4cf && c != 0x303f // CJK radicals to Yi
                || c >= 0xac00 && c <= 0xd7a3 // Hangul syllables
                || c >= 0xf900 && c <= 0xfaff // CJK compatibility ideographs
                || c >= 0xfe10 && c <= 0xfe19 // vertical forms
                || c >= 0xfe30 && c <= 0xfe6f // CJK compatibility forms
                || c >= 0xff00 && c <= 0xff60 // full-width forms
                || c >= 0xffe0 && c <= 0xffe6
                || c >= 0x1f300 && c <= 0x1f64f // emoji: symbols and pictographs, emoticons
                || c >= 0x1f900 && c <= 0x1f9ff
                || c >= 0x20000 && c <= 0x2fffd // CJK extensions
                || c >= 0x30000 && c <= 0x3fffd;
        return wide ? 2 : 1;
    }
}
