package dev.loompatterns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The project's license, Apache-2.0, stands in {@code LICENSE}, is named in the pom and the README, and travels in
 * {@code META-INF/LICENSE} of what the build packs: the classes of the jar, the pin assertion's jar (added to other
 * projects' tests) and the JMC bundle (the bundle is packed right after compiling; the assertion's jar at
 * {@code package}, from {@code target/assertion}, which is read here).
 */
class LicenseTest {

    private static final Path LICENSE = Path.of("LICENSE");

    @Test
    void theLicenseIsApacheTwoAndThePomAndReadmeNameIt() throws IOException {
        String text = Files.readString(LICENSE);
        assertThat(text.strip()).startsWith("Apache License\n").contains("Version 2.0, January 2004");
        assertThat(text).contains("END OF TERMS AND CONDITIONS");

        Matcher license = java.util.regex.Pattern.compile("(?s)<licenses>\\s*<license>\\s*<name>([^<]+)</name>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(license.find()).as("the pom's <licenses>").isTrue();
        assertThat(license.group(1)).isEqualTo("Apache-2.0");

        assertThat(Files.readString(Path.of("README.md")))
                .containsPattern("(?m)^## License\\n\\n.*\\[Apache License 2\\.0\\]\\(LICENSE\\)");
    }

    @Test
    void whatTheBuildPacksCarriesTheLicense() throws IOException {
        byte[] license = Files.readAllBytes(LICENSE);

        assertThat(Path.of("target", "classes", "META-INF", "LICENSE")).hasBinaryContent(license);
        assertThat(Path.of("target", "assertion", "META-INF", "LICENSE")).hasBinaryContent(license);
        try (JarFile bundle =
                new JarFile(Path.of("target", "loom-patterns-jmc.jar").toFile())) {
            var entry = bundle.getJarEntry("META-INF/LICENSE");
            assertThat(entry).as("META-INF/LICENSE in the JMC bundle").isNotNull();
            try (var in = bundle.getInputStream(entry)) {
                assertThat(in.readAllBytes()).isEqualTo(license);
            }
        }
    }
}
