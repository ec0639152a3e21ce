package dev.loompatterns.testing;

import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Work done with another default locale, as a user's {@code LANG} sets it (the default and its FORMAT and DISPLAY
 * categories alike: {@code PrintWriter.printf} reads the default, {@code PrintStream.printf} and
 * {@code String.format} the FORMAT category), then the test JVM's own again, whatever the work threw.
 */
public final class DefaultLocale {

    private DefaultLocale() {}

    public static <T> T during(Locale locale, Callable<T> work) throws Exception {
        Locale before = Locale.getDefault();
        Locale formats = Locale.getDefault(Locale.Category.FORMAT);
        Locale display = Locale.getDefault(Locale.Category.DISPLAY);
        Locale.setDefault(locale);
        try {
            return work.call();
        } finally {
            Locale.setDefault(before);
            Locale.setDefault(Locale.Category.FORMAT, formats);
            Locale.setDefault(Locale.Category.DISPLAY, display);
        }
    }

    /** Egyptian Arabic, whose numbers JDK 25 formats in Arabic-Indic digits ({@code ١٠٠}). */
    public static final Locale ARABIC_DIGITS = Locale.forLanguageTag("ar-EG");
}
