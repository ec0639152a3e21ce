package dev.loompatterns.jfr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.Configuration;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilesTest {

    /**
     * Every profile the jar carries parses, and names only events this JVM knows (a typo would silently record
     * nothing).
     */
    @Test
    void everyProfileParsesAndNamesOnlyKnownEvents() throws IOException, ParseException {
        FlightRecorder.register(PatternRunEvent.class);
        FlightRecorder.register(TaskSubmittedEvent.class);
        FlightRecorder.register(TaskStartedEvent.class);
        Set<String> known = FlightRecorder.getFlightRecorder().getEventTypes().stream()
                .map(EventType::getName)
                .collect(Collectors.toSet());
        assertThat(Profiles.available()).containsExactlyElementsOf(Profiles.NAMES);
        for (String name : Profiles.available()) {
            Configuration configuration = Configuration.create(Path.of("jfr-profiles", name + ".jfc"));
            Set<String> events = configuration.getSettings().keySet().stream()
                    .map(key -> key.substring(0, key.indexOf('#')))
                    .collect(Collectors.toSet());
            assertThat(events).as(name).isNotEmpty().contains(PatternRunEvent.NAME);
            assertThat(known).as("events named in " + name + ".jfc").containsAll(events);
            assertThat(configuration.getSettings())
                    .as(name + " records the events JFR drops, or a recording that lost some looks whole")
                    .containsEntry(RecordingSummary.DATA_LOSS + "#enabled", "true");
        }
    }

    /**
     * On JDK 25 a virtual thread's Object.wait holds its carrier only when pinned (JEP 491), and then its
     * jdk.JavaMonitorWait names the monitor and the notifier beside the pin; the profile's comment says so.
     */
    @Test
    void theSchedulingProfileRecordsMonitorWaitsAsDefaultJfcDoes() throws IOException {
        assertThat(Profiles.load("scheduling").getSettings())
                .containsEntry("jdk.JavaMonitorWait#enabled", "true")
                .containsEntry("jdk.JavaMonitorWait#threshold", "20 ms");
    }

    /** A misspelt event in a user's .jfc is found, with its settings; ours and a user's own are not. */
    @Test
    void anEventNoOneWillCommitIsFound(@TempDir Path dir) throws IOException {
        Path mine = Files.writeString(dir.resolve("mine.jfc"), """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration version="2.0">
              <event name="jdk.VirtualThreadPined">
                <setting name="enabled">true</setting>
                <setting name="threshold">0 ms</setting>
              </event>
              <event name="jdk.ThreadSleep"><setting name="enabled">true</setting></event>
              <event name="loompatterns.PatternRun"><setting name="enabled">true</setting></event>
              <event name="loompatterns.StreamStopMark"><setting name="enabled">true</setting></event>
              <event name="loompatterns.PatternRn"><setting name="enabled">true</setting></event>
              <event name="com.acme.OrderPlaced"><setting name="enabled">true</setting></event>
            </configuration>
            """);

        assertThat(Profiles.unknownEvents(
                        Profiles.load(mine.toString()).getSettings().keySet(), Profiles.knownEvents()))
                .containsExactly(
                        new Profiles.UnknownEvent("jdk.VirtualThreadPined", List.of("enabled", "threshold")),
                        new Profiles.UnknownEvent("loompatterns.PatternRn", List.of("enabled")));
        assertThat(Profiles.knownEvents()).contains("jdk.VirtualThreadPinned", "loompatterns.PatternRun");
    }

    /** Our events are known by name, before a run registers their classes: no profile of ours is warned about. */
    @Test
    void ourOwnEventsAreKnownBeforeTheirClassesAreRegistered() {
        Set<String> jdkOnly = FlightRecorder.getFlightRecorder().getEventTypes().stream()
                .map(EventType::getName)
                .filter(name -> !name.startsWith("loompatterns."))
                .collect(Collectors.toSet());
        for (String name : Profiles.available()) {
            assertThat(Profiles.unknownEvents(Profiles.load(name).getSettings().keySet(), jdkOnly))
                    .as(name)
                    .isEmpty();
        }
    }

    /** Every event name of ours in the code is one the warning knows: a new event class must be added there. */
    @Test
    void theWarningKnowsEveryEventOfOurs() throws IOException {
        java.util.regex.Pattern literal = java.util.regex.Pattern.compile("\"(loompatterns\\.\\w+)\"");
        Set<String> named;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            named = files.filter(file -> file.toString().endsWith(".java"))
                    .flatMap(file -> literal.matcher(read(file)).results().map(match -> match.group(1)))
                    .collect(Collectors.toSet());
        }
        assertThat(Profiles.OWN_EVENTS).containsExactlyInAnyOrderElementsOf(named);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A .jfc dropped into jfr-profiles/ without being listed would not be offered by --profile. */
    @Test
    void everyFileInTheProfilesFolderIsAListedProfile() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("jfr-profiles"))) {
            assertThat(files.map(f -> f.getFileName().toString().replaceFirst("\\.jfc$", "")))
                    .containsExactlyInAnyOrderElementsOf(Profiles.NAMES);
        }
    }

    /** The scheduling profile records what the queueing delay is computed from, and the pinning profile stays lean. */
    @Test
    void ourTaskEventsAreInTheProfilesThatNeedThem() {
        assertThat(Profiles.load("scheduling").getSettings())
                .containsEntry(TaskSubmittedEvent.NAME + "#enabled", "true")
                .containsEntry(TaskStartedEvent.NAME + "#enabled", "true")
                .containsEntry("jdk.FileRead#threshold", "0 ms");
        assertThat(Profiles.load("virtual-threads").getSettings())
                .containsEntry(TaskSubmittedEvent.NAME + "#enabled", "true");
        assertThat(Profiles.load("pinning").getSettings()).doesNotContainKey(TaskSubmittedEvent.NAME + "#enabled");
    }

    @Test
    void everyProfileOpensWithHowItDiffersFromDefaultJfc() throws IOException {
        for (String name : Profiles.available()) {
            String text = Files.readString(Path.of("jfr-profiles", name + ".jfc"));
            assertThat(text).as(name).contains("How it differs from the JDK's default.jfc");
        }
    }

    @Test
    void loadsAProfileFromAPath(@TempDir Path dir) throws IOException {
        Path copy = dir.resolve("mine.jfc");
        Files.writeString(copy, Files.readString(Path.of("jfr-profiles/pinning.jfc")));
        assertThat(Profiles.load(copy.toString()).getSettings()).containsKey("jdk.VirtualThreadPinned#threshold");
    }

    @Test
    void unknownOrBrokenProfilesAreUsageErrors(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> Profiles.load("nope"))
                .isInstanceOf(RecordingSetupException.class)
                .hasMessageContaining("no JFR profile 'nope'")
                .hasMessageContaining("virtual-threads");
        assertThatThrownBy(() -> Profiles.load(dir.toString()))
                .isInstanceOf(RecordingSetupException.class)
                .hasMessageContaining("is a directory");
        Path broken = Files.writeString(dir.resolve("broken.jfc"), "<configuration");
        assertThatThrownBy(() -> Profiles.load(broken.toString()))
                .isInstanceOf(RecordingSetupException.class)
                .hasMessageContaining("not a valid .jfc");
        // a recording given for a profile said "Input length = 1", and an empty one "is a directory"
        Path recording = Files.write(dir.resolve("run.jfr"), new byte[] {'F', 'L', 'R', 0, 0, 2, (byte) 0xff, 1});
        assertThatThrownBy(() -> Profiles.load(recording.toString()))
                .isInstanceOf(RecordingSetupException.class)
                .hasMessage("JFR profile '" + recording + "' is not a valid .jfc file: it is not text (a .jfc is XML)");
        assertThatThrownBy(() -> Profiles.load(""))
                .isInstanceOf(RecordingSetupException.class)
                .hasMessageStartingWith("--profile is empty; give a .jfc file or one of ");
    }
}
