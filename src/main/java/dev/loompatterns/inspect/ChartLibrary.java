package dev.loompatterns.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Chart.js, as the HTML report inlines it: its minified UMD build read from the WebJar on the class
 * path ({@code org.webjars.npm:chart.js}, an optional dependency the CLI has in {@code target/lib}),
 * at whatever version the build brought. The text is made safe to sit inside a {@code <script>}
 * element, and the source-map comment (a file the page does not have) is dropped.
 *
 * @param version the library's version, from the WebJar's Maven properties
 * @param script  the minified build, with its license header
 */
record ChartLibrary(String version, String script) {

    static final String NAME = "Chart.js";
    static final String LICENSE = "MIT License";
    private static final String PROPERTIES = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";
    private static final String SCRIPT = "META-INF/resources/webjars/chart.js/%s/dist/chart.umd.min.js";
    private static final Pattern SOURCE_MAP = Pattern.compile("(?m)^//[#@] sourceMappingURL=.*$");
    private static final Pattern END_TAG = Pattern.compile("</(script)", Pattern.CASE_INSENSITIVE);

    /** Read once: the report may be written more than once per JVM (tests), the jar does not change. */
    private static final class Loaded {
        static final Optional<ChartLibrary> LIBRARY = read(ChartLibrary.class.getClassLoader());
    }

    /** The library, or empty when its WebJar is not on the class path (the page then has tables only). */
    static Optional<ChartLibrary> find() {
        return Loaded.LIBRARY;
    }

    static Optional<ChartLibrary> read(ClassLoader loader) {
        try (InputStream properties = loader.getResourceAsStream(PROPERTIES)) {
            if (properties == null) {
                return Optional.empty();
            }
            Properties maven = new Properties();
            maven.load(properties);
            String version = maven.getProperty("version");
            try (InputStream script = version == null ? null : loader.getResourceAsStream(SCRIPT.formatted(version))) {
                if (script == null) {
                    return Optional.empty();
                }
                return Optional.of(new ChartLibrary(
                        version, inlinable(new String(script.readAllBytes(), StandardCharsets.UTF_8))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + NAME + " from the class path", e);
        }
    }

    /**
     * Script text that cannot end its {@code <script>} element early: {@code </script} can only
     * stand in a string, regular expression or comment of the code, where {@code <\/script} means
     * the same. Without the source-map comment.
     */
    static String inlinable(String script) {
        String withoutMap = SOURCE_MAP.matcher(script).replaceAll("");
        return END_TAG.matcher(withoutMap).replaceAll("<\\\\/$1");
    }
}
