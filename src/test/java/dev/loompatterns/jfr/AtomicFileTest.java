package dev.loompatterns.jfr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @Test
    void aWriteThatFailsLeavesTheOldFileAndNoTemporaryBehind(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("report.txt");
        Files.writeString(target, "old");

        assertThatThrownBy(() -> AtomicFile.write(target, temporary -> {
                    Files.writeString(temporary, "half");
                    throw new IOException("disk full");
                }))
                .hasMessage("disk full");

        assertThat(Files.readString(target)).isEqualTo("old");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    /** A recording or report gets the permissions any new file gets here, not a temporary file's owner-only ones. */
    @Test
    void theWrittenFileHasTheFolderUsersUsualPermissions(@TempDir Path dir) throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        Path target = dir.resolve("report.txt");

        AtomicFile.write(target, temporary -> Files.writeString(temporary, "new"));

        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void aWriteThatSucceedsReplacesTheFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("report.txt");
        Files.writeString(target, "old");

        AtomicFile.write(target, temporary -> Files.writeString(temporary, "new"));

        assertThat(Files.readString(target)).isEqualTo("new");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void checkTargetRefusesADirectoryAndAMissingFolderAndLeavesNothingBehind(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> AtomicFile.checkTarget(dir, "--out"))
                .isInstanceOf(RecordingSetupException.class)
                .hasMessage("cannot write --out '" + dir + "': it is a directory; give a file name");
        Path missing = dir.resolve("no/such/r.txt");
        assertThatThrownBy(() -> AtomicFile.checkTarget(missing, "recording"))
                .isInstanceOf(RecordingSetupException.class)
                .hasMessage("cannot write recording '" + missing + "': folder '" + missing.getParent()
                        + "' does not exist");

        assertThat(AtomicFile.checkTarget(dir.resolve("r.txt"), "--out")).isEqualTo(dir.resolve("r.txt"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
