package dev.loompatterns.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files a run's child JVMs record to, beside {@code --jfr}'s ({@code out-child-N.jfr}): a file of the user's
 * that bears such a name is neither written over (the child JVM writes its recording there itself) nor deleted as
 * an earlier run's recording. A reviewer's notes in {@code out-child-1.jfr} became a recording, and a FIFO and
 * {@code out-child-7.jfr} were deleted.
 */
class ChildRecordingFilesTest {

    private static final byte[] RECORDING = {'F', 'L', 'R', 0, 0, 2, 0, 1};

    @Test
    void aFileOfTheUsersIsSteppedOverAndKept(@TempDir Path dir) throws Exception {
        Path notes = Files.writeString(dir.resolve("out-child-1.jfr"), "my notes");
        Path earlier = Files.write(dir.resolve("out-child-2.jfr"), RECORDING);
        Path kept = Files.writeString(dir.resolve("out-child-7.jfr"), "keep");
        Path earlierEmpty = Files.createFile(dir.resolve("out-child-9.jfr"));
        ChildActivity.Recording children = new ChildActivity.Recording(dir.resolve("out.jfr"), null);

        assertThat(children.finalName(children.nextFile())).as("past the notes").isEqualTo(earlier);
        assertThat(children.finalName(children.nextFile())).isEqualTo(dir.resolve("out-child-3.jfr"));

        children.deleteEarlierFiles(List.of(earlier, dir.resolve("out-child-3.jfr")));
        assertThat(Files.readString(notes)).isEqualTo("my notes");
        assertThat(Files.readString(kept)).isEqualTo("keep");
        assertThat(earlier).as("this run's").exists();
        assertThat(earlierEmpty).as("an earlier run's, empty").doesNotExist();
    }

    /**
     * A run stopped (Ctrl-C) or failed deletes its children's files: those handed out only, not a user's file
     * stepped over on the way (a reviewer lost a text file, a FIFO and a link so), nor a text file that begins as
     * a report of loom's does.
     */
    @Test
    void aDiscardedRunDeletesOnlyTheFilesItHandedOut(@TempDir Path dir) throws Exception {
        Path notes = Files.writeString(dir.resolve("out-child-1.jfr"), "my notes");
        Path log = Files.writeString(dir.resolve("out-child-2.jfr"), "Recording: my own log\n");
        ChildActivity.Recording children = new ChildActivity.Recording(dir.resolve("out.jfr"), null);
        Path given = children.nextFile();
        assertThat(given).as("hidden until kept").isEqualTo(dir.resolve(".out-child-3.jfr.pending"));
        assertThat(children.finalName(given)).isEqualTo(dir.resolve("out-child-3.jfr"));
        Files.write(given, RECORDING);

        children.deleteFiles();
        assertThat(given).doesNotExist();
        assertThat(Files.readString(notes)).isEqualTo("my notes");
        assertThat(Files.readString(log)).isEqualTo("Recording: my own log\n");

        children.deleteEarlierFiles(List.of());
        assertThat(log)
                .as("not a recording, though it begins as loom's text report")
                .exists();
    }

    /**
     * An interrupted re-run onto an earlier run's files keeps that run's child recording where no child of its own
     * replaced it (a review: {@code p-child-1.jfr} was deleted and {@code p.jfr} kept); what a child of its own wrote
     * (whole, moved into place) goes.
     */
    @Test
    void aDiscardedRerunKeepsTheEarlierRunsChildFileItDidNotReplace(@TempDir Path dir) throws Exception {
        byte[] newer = {'F', 'L', 'R', 0, 0, 2, 0, 2};
        Path first = Files.write(dir.resolve("out-child-1.jfr"), RECORDING);
        Path second = Files.write(dir.resolve("out-child-2.jfr"), RECORDING);
        ChildActivity.Recording stopped = new ChildActivity.Recording(dir.resolve("out.jfr"), null);
        stopped.nextFile(); // its child was stopped before it wrote
        Files.write(stopped.nextFile(), newer); // this one's child wrote its recording
        stopped.deleteFiles();
        assertThat(first).as("the earlier run's").hasBinaryContent(RECORDING);
        assertThat(second)
                .as("the earlier run's, though this run's child wrote")
                .hasBinaryContent(RECORDING);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(first, second);
        }

        // kept, a run's children's files take their names, over the earlier run's
        ChildActivity.Recording kept = new ChildActivity.Recording(dir.resolve("out.jfr"), null);
        Files.write(kept.nextFile(), newer);
        kept.keep();
        assertThat(first).hasBinaryContent(newer);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(first, second);
        }
    }

    @Test
    void anEarlierRunsRecordingIsDeleted(@TempDir Path dir) throws Exception {
        Path earlier = Files.write(dir.resolve("out-child-4.jfr"), RECORDING);
        ChildActivity.Recording children = new ChildActivity.Recording(dir.resolve("out.jfr"), null);
        children.deleteEarlierFiles(List.of());
        assertThat(earlier).doesNotExist();
    }

    /** The parent's {@code .jfr} is left out in any case; a name that is {@code .jfr} alone is kept whole. */
    @Test
    void theChildrenAreNamedAfterTheParentsStem(@TempDir Path dir) {
        assertThat(firstChild(dir, "a b.JFR")).isEqualTo(dir.resolve("a b-child-1.jfr"));
        assertThat(firstChild(dir, ".jfr"))
                .as("not '-child-1.jfr', which reads as an option")
                .isEqualTo(dir.resolve(".jfr-child-1.jfr"));
        assertThat(firstChild(dir, "run")).isEqualTo(dir.resolve("run-child-1.jfr"));
    }

    private static Path firstChild(Path dir, String parent) {
        ChildActivity.Recording children = new ChildActivity.Recording(dir.resolve(parent), null);
        return children.finalName(children.nextFile());
    }
}
