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
}
