package dev.loompatterns.analysis.jmc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.analysis.Analysis;
import dev.loompatterns.analysis.Finding;
import dev.loompatterns.analysis.jfr.RecordingReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.jdk.agent.MultipleAgentsRule;
import org.owasp.encoder.Encode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * {@code target/loom-patterns-jmc.jar}, the bundle for the JDK Mission Control desktop, as the
 * build makes it (right after compiling, so it is there when the tests run): its OSGi manifest and
 * plugin.xml against JMC 9.1.2's own bundles, its classes self-contained apart from Java and what
 * those bundles export, and JMC's core libraries finding and running our rules from it in a class
 * loader that holds nothing else of ours. No JMC desktop (Eclipse, OSGi) runs here.
 */
class JmcBundleTest {

    static final Path BUNDLE = Path.of("target", "loom-patterns-jmc.jar");
    static final String SERVICES = "META-INF/services/org.openjdk.jmc.flightrecorder.rules.IRule";
    static final String RULES_BUNDLE = "org.openjdk.jmc.flightrecorder.rules";

    @TempDir
    static Path dir;

    /**
     * The bundle and JMC's core libraries (with what they need), and nothing else: parent, the platform class loader.
     */
    static URLClassLoader jmcWithTheBundle;

    @BeforeAll
    static void loadTheBundleBesideJmc() throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(BUNDLE.toUri().toURL());
        for (Path jar : jmcJars()) {
            urls.add(jar.toUri().toURL());
        }
        jmcWithTheBundle = new URLClassLoader(
                "jmc-with-the-bundle", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    @AfterAll
    static void close() throws IOException {
        jmcWithTheBundle.close();
    }

    /** The jars of JMC 9.1.2's core on the test class path, and of the two libraries they use. */
    static List<Path> jmcJars() throws Exception {
        List<Path> jars = new ArrayList<>();
        for (Class<?> type : List.of(
                org.openjdk.jmc.common.IMCThread.class,
                JfrLoaderToolkit.class,
                IRule.class,
                MultipleAgentsRule.class,
                Encode.class,
                Class.forName("net.jpountz.lz4.LZ4Factory"))) {
            jars.add(Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
        return jars;
    }

    static Manifest manifestOf(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest();
        }
    }

    static String textIn(Path jar, String entry) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry found = file.getJarEntry(entry);
            assertThat(found).as(entry + " in " + jar).isNotNull();
            try (InputStream in = file.getInputStream(found)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    static Document xmlIn(Path jar, String entry) throws Exception {
        try (JarFile file = new JarFile(jar.toFile());
                InputStream in = file.getInputStream(file.getJarEntry(entry))) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    /**
     * A header's clauses, split at the commas outside quotes: {@code a;x:="p,q",b} is {@code a;x:="p,q"} and {@code b}.
     */
    static List<String> clauses(String header) {
        List<String> clauses = new ArrayList<>();
        Matcher clause = Pattern.compile("(?:[^,\"]|\"[^\"]*\")+").matcher(header);
        while (clause.find()) {
            clauses.add(clause.group().strip());
        }
        return clauses;
    }

    static String symbolicName(Path jar) throws IOException {
        return manifestOf(jar)
                .getMainAttributes()
                .getValue("Bundle-SymbolicName")
                .split(";")[0]
                .strip();
    }

    static Path jarOf(String symbolicName) throws Exception {
        for (Path jar : jmcJars()) {
            if (manifestOf(jar).getMainAttributes().getValue("Bundle-SymbolicName") != null
                    && symbolicName(jar).equals(symbolicName)) {
                return jar;
            }
        }
        throw new AssertionError("no JMC bundle " + symbolicName + " on the class path");
    }

    @Test
    void theManifestMakesASingletonBundleForJava21ThatRequiresJmcsRulesAndFlightRecorderBundles() throws Exception {
        Attributes manifest = manifestOf(BUNDLE).getMainAttributes();
        assertThat(manifest.getValue("Bundle-ManifestVersion")).isEqualTo("2");
        assertThat(manifest.getValue("Bundle-SymbolicName")).isEqualTo("dev.loompatterns.jmc;singleton:=true");
        assertThat(manifest.getValue("Bundle-RequiredExecutionEnvironment")).isEqualTo("JavaSE-21");
        assertThat(manifest.getValue("Main-Class")).isNull();
        assertThat(manifest.getValue("Class-Path")).isNull();
        // an OSGi version (major.minor.micro.qualifier) made of the project's: 0.1.0-SNAPSHOT is 0.1.0.SNAPSHOT
        Matcher projectVersion = Pattern.compile("<artifactId>loom-patterns</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(projectVersion.find()).isTrue();
        assertThat(manifest.getValue("Bundle-Version"))
                .matches("\\d+\\.\\d+\\.\\d+(\\.[A-Za-z0-9_-]+)?")
                .isEqualTo(projectVersion.group(1).replace('-', '.'));
        // the bundles it requires are JMC's, by their symbolic names, at a version JMC 9.1.2 has
        List<String> required = clauses(manifest.getValue("Require-Bundle"));
        assertThat(required).hasSize(2);
        for (String clause : required) {
            String name = clause.split(";")[0];
            Path jar = jarOf(name);
            assertThat(clause).endsWith(";bundle-version=\"9.1.0\"");
            assertThat(manifestOf(jar).getMainAttributes().getValue("Bundle-Version"))
                    .startsWith("9.1.");
        }
        assertThat(required.stream().map(clause -> clause.split(";")[0]))
                .containsExactlyInAnyOrder(RULES_BUNDLE, "org.openjdk.jmc.flightrecorder");
    }

    /**
     * The extension point's id is the declaring bundle's name and the point's own id, as JMC's own
     * rule bundle (flightrecorder.rules.jdk) uses it; not the id in the point schema's example.
     */
    @Test
    void pluginXmlExtendsTheRuleProviderPointOfJmcsRulesBundle() throws Exception {
        Element declared = (Element) xmlIn(jarOf(RULES_BUNDLE), "plugin.xml")
                .getElementsByTagName("extension-point")
                .item(0);
        String point = RULES_BUNDLE + "." + declared.getAttribute("id");
        assertThat(point).isEqualTo("org.openjdk.jmc.flightrecorder.rules.ruleProvider");
        Element ours = (Element)
                xmlIn(BUNDLE, "plugin.xml").getElementsByTagName("extension").item(0);
        assertThat(ours.getAttribute("point")).isEqualTo(point);
        assertThat(ours.getElementsByTagName("ruleProvider").getLength()).isEqualTo(1);
        Element jmcs = (Element) xmlIn(jarOf("org.openjdk.jmc.flightrecorder.rules.jdk"), "plugin.xml")
                .getElementsByTagName("extension")
                .item(0);
        assertThat(jmcs.getAttribute("point")).isEqualTo(point);
    }

    @Test
    void theServicesFileListsOneJmcRulePerRuleInTheRulesOrder() throws Exception {
        List<String> listed = textIn(BUNDLE, SERVICES)
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
        List<String> ruleIds = new ArrayList<>();
        for (String name : listed) {
            Class<?> type = Class.forName(name);
            assertThat(LoomJmcRule.class).isAssignableFrom(type);
            ruleIds.add(((LoomJmcRule) type.getConstructor().newInstance()).ruleId());
        }
        assertThat(ruleIds).containsExactlyElementsOf(Analysis.ruleIds());
    }

    /**
     * What OSGi will let the bundle's classes see: Java, its own classes, and the packages the
     * required bundles export (org.openjdk.jmc.common through their re-export), not those they
     * export only to friends. And no jdk.jfr, which a bundle would have to import.
     */
    @Test
    void theBundlesClassesAreJava21AndReachOnlyJavaThemselvesAndWhatJmcsBundlesExport() throws Exception {
        Set<String> exported = new TreeSet<>();
        for (String bundle : List.of(RULES_BUNDLE, "org.openjdk.jmc.flightrecorder", "org.openjdk.jmc.common")) {
            for (String clause :
                    clauses(manifestOf(jarOf(bundle)).getMainAttributes().getValue("Export-Package"))) {
                if (!clause.contains("x-friends")) {
                    exported.add(clause.split(";")[0].replace('.', '/'));
                }
            }
        }
        Set<String> reached = new TreeSet<>();
        Set<String> classes = new HashSet<>();
        try (JarFile jar = new JarFile(BUNDLE.toFile())) {
            List<JarEntry> entries = jar.stream()
                    .filter(entry -> entry.getName().endsWith(".class"))
                    .toList();
            entries.forEach(entry -> classes.add(entry.getName().replace(".class", "")));
            assertThat(classes)
                    .contains(
                            "dev/loompatterns/analysis/jmc/PinningJmcRule",
                            "dev/loompatterns/analysis/PinningRule",
                            "dev/loompatterns/jfr/PinTaxonomy");
            for (JarEntry entry : entries) {
                try (InputStream in = jar.getInputStream(entry)) {
                    ClassModel model = ClassFile.of().parse(in.readAllBytes());
                    assertThat(model.majorVersion()).as(entry.getName()).isEqualTo(ClassFile.JAVA_21_VERSION);
                    assertThat(model.minorVersion())
                            .as(entry.getName() + ": no preview")
                            .isZero();
                    StreamSupport.stream(model.constantPool().spliterator(), false)
                            .filter(ClassEntry.class::isInstance)
                            .map(e -> ((ClassEntry) e).asInternalName())
                            .filter(name -> !name.startsWith("["))
                            .forEach(reached::add);
                }
            }
        }
        List<String> outside = reached.stream()
                .filter(name -> !classes.contains(name))
                .filter(name -> !name.startsWith("java/"))
                .filter(name -> !exported.contains(name.substring(0, name.lastIndexOf('/'))))
                .toList();
        assertThat(outside)
                .as("classes the bundle reaches that OSGi would not show it")
                .isEmpty();
        assertThat(reached)
                .as("JMC's API is what it is for")
                .anyMatch(name -> name.startsWith("org/openjdk/jmc/flightrecorder/rules/"));
    }

    /** JMC's RuleRegistry, as JMC's core runs it outside the desktop: a ServiceLoader over IRule's class loader. */
    @Test
    void jmcsRuleRegistryFindsOurRulesInTheBundleBesideItsOwn() throws Exception {
        Class<?> registry = Class.forName("org.openjdk.jmc.flightrecorder.rules.RuleRegistry", true, jmcWithTheBundle);
        Collection<?> rules = (Collection<?>) registry.getMethod("getRules").invoke(null);
        Method getId = Class.forName("org.openjdk.jmc.flightrecorder.rules.IRule", false, jmcWithTheBundle)
                .getMethod("getId");
        Map<String, Object> byId = new HashMap<>();
        for (Object rule : rules) {
            byId.put((String) getId.invoke(rule), rule);
        }
        assertThat(byId).as("ids are unique").hasSameSizeAs(rules);
        List<String> ours = Analysis.ruleIds().stream()
                .map(id -> LoomJmcRule.ID_PREFIX + id)
                .toList();
        assertThat(byId).containsKeys(ours.toArray(String[]::new));
        // JMC's own rules are all there too: as many as without the bundle
        assertThat(rules)
                .hasSize(org.openjdk.jmc.flightrecorder.rules.RuleRegistry.getRules()
                                .size()
                        + ours.size());
        for (String id : ours) {
            Class<?> type = byId.get(id).getClass();
            assertThat(type.getClassLoader()).isSameAs(jmcWithTheBundle);
            assertThat(Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI()))
                    .isEqualTo(BUNDLE.toAbsolutePath());
        }
    }

    /**
     * JMC's HTML report ({@code JfrHtmlRulesReport.createReport}, all the rules RuleRegistry finds) of a recording with
     * pins.
     */
    @Test
    void jmcsHtmlReportOfARecordingWithPinsCarriesOurPinningFinding() throws Exception {
        Path recording = Recordings.pinning(dir);
        Finding pinning =
                RecordingReader.analyze(recording, events -> {}).findings().getFirst();
        assertThat(pinning.rule()).isEqualTo("pinning");
        assertThat(pinning.summary()).contains(Recordings.class.getName() + ".compareSleeping");

        Class<?> report = Class.forName(
                "org.openjdk.jmc.flightrecorder.rules.report.html.JfrHtmlRulesReport", true, jmcWithTheBundle);
        String html = (String) report.getMethod("createReport", File.class).invoke(null, recording.toFile());
        assertThat(html)
                .contains(
                        Encode.forHtml("Virtual thread pinning"),
                        Encode.forHtml(pinning.summary()),
                        Encode.forHtml("native-frame: move the blocking call out of the native callback"));
        for (String name : List.of("Virtual thread census", "Carrier hogging", "Queueing delay")) {
            assertThat(html).contains(Encode.forHtml(name));
        }
    }

    @Test
    void theMainJarsClassesDoNotRegisterTheRules() {
        // The services file and plugin.xml are in the bundle only: a class path with our main jar and
        // JMC's core (this test's, for one) gets JMC's rules alone.
        assertThat(Path.of("target", "classes", SERVICES)).doesNotExist();
        assertThat(Path.of("target", "classes", "plugin.xml")).doesNotExist();
        assertThat(org.openjdk.jmc.flightrecorder.rules.RuleRegistry.getRules())
                .extracting(IRule::getId)
                .noneMatch(id -> id.startsWith(LoomJmcRule.ID_PREFIX));
    }
}
