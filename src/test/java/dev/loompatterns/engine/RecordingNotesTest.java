package dev.loompatterns.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lines after a recorded run's table: each recording's reading shown as it goes, on stderr only. */
class RecordingNotesTest {

    @TempDir
    Path folder;

    /** An empty recording written to {@code name} in the test's folder. */
    private Path recording(String name) throws Exception {
        Path file = folder.resolve(name);
        try (Recording recording = new Recording()) {
            recording.start();
            recording.stop();
            recording.dump(file);
        }
        return file;
    }

    @Test
    void eachRecordingsReadingIsShownOnTheTerminalAndClearedBeforeItsLine() throws Exception {
        Session.Outcome outcome =
                new Session.Outcome(List.of(), List.of(recording("first.jfr"), recording("second.jfr")));
        StringWriter shown = new StringWriter();
        StringWriter printed = new StringWriter();

        Notes.describeRecordings(outcome, Progress.onTerminal(new PrintWriter(shown), 0), new PrintWriter(printed));

        assertThat(shown.toString())
                .contains("[1/2] reading first.jfr", "[2/2] reading second.jfr")
                .endsWith("\r"); // cleared: the last line on the terminal is the notes', not the progress's
        assertThat(printed.toString())
                .contains("first.jfr", "second.jfr")
                .doesNotContain("reading first.jfr", "reading second.jfr"); // not "reading" alone: 'Threading' is there
    }

    @Test
    void withNoTerminalNothingIsShown() throws Exception {
        Session.Outcome outcome = new Session.Outcome(List.of(), List.of(recording("only.jfr")));
        StringWriter shown = new StringWriter();

        Notes.describeRecordings(outcome, Progress.none(new PrintWriter(shown)), new PrintWriter(new StringWriter()));

        assertThat(shown.toString()).isEmpty();
    }
}
