package dev.loompatterns.jfr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
                    throw new IOException("File too large");
                }))
                .isInstanceOf(AtomicFile.NotWritten.class)
                .hasMessage("could not write '" + target + "': File too large; nothing was written under that name")
                .hasRootCauseMessage("File too large");

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

    /** The file system's own exception says its reason once, not with the temporary file's name. */
    @Test
    void aFileSystemsRefusalIsSaidByItsReason(@TempDir Path dir) {
        Path target = dir.resolve("report.html");
        assertThatThrownBy(() -> AtomicFile.write(target, temporary -> {
                    throw new java.nio.file.FileSystemException(temporary.toString(), null, "No space left on device");
                }))
                .isInstanceOf(AtomicFile.NotWritten.class)
                .hasMessage("could not write '" + target
                        + "': No space left on device; nothing was written under that name");
        // an exception without a reason of its own is said in words, not as its class and the hidden file's name
        Path gone = dir.resolve("gone/report.html");
        assertThatThrownBy(() -> AtomicFile.write(gone, temporary -> Files.writeString(temporary, "x")))
                .isInstanceOf(AtomicFile.NotWritten.class)
                .hasMessage("could not write '" + gone
                        + "': the folder does not exist or does not accept new files; nothing was written under that"
                        + " name");
    }

    /** An interrupt's exception passes through as it was: the commands say "stopped" for it, not a failed write. */
    @Test
    void anInterruptedWriteIsNotAFailedOne(@TempDir Path dir) {
        Path target = dir.resolve("report.html");
        assertThatThrownBy(() -> AtomicFile.write(target, temporary -> {
                    throw new java.nio.channels.ClosedByInterruptException();
                }))
                .isExactlyInstanceOf(java.nio.channels.ClosedByInterruptException.class);
        assertThatThrownBy(() -> AtomicFile.write(target, temporary -> {
                    throw new java.io.InterruptedIOException("stopped");
                }))
                .isExactlyInstanceOf(java.io.InterruptedIOException.class);
    }

    /**
     * A report the user made private stays private when written again (a review found it world-readable again,
     * since the new file took the umask's permissions).
     */
    @Test
    void aReplacedFileKeepsItsPermissions(@TempDir Path dir) throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
        Path target = Files.writeString(dir.resolve("report.html"), "old");
        var ownerOnly = java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
        Files.setPosixFilePermissions(target, ownerOnly);

        AtomicFile.write(target, temporary -> Files.writeString(temporary, "new"));

        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(ownerOnly);
    }

    /**
     * A named pipe is written into only if a process reads it: with none, the write is refused at once, in words that
     * say so, and nothing is left in the temporary folder. {@code inspect --out FIFO} with nobody reading waited in the
     * open with no end, silent, until a Ctrl-C's grace ran out. The reader here holds the pipe open to read and write
     * (which never waits, on Linux), so the content waits in the pipe for it and the test needs no second thread.
     */
    @Test
    // backstop on a thread of its own: a writer blocked opening a pipe that nobody reads ignores interrupts
    @org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void aNamedPipeIsWrittenIntoOnlyWhenAProcessReadsIt(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available here");
        List<Path> temporaryBefore = hiddenTemporaryFiles();

        assertThatThrownBy(() -> AtomicFile.write(fifo, temporary -> Files.writeString(temporary, "report")))
                .isInstanceOf(AtomicFile.NotWritten.class)
                .hasMessage("could not write '" + fifo + "': it is a named pipe that no process reads: start its"
                        + " reader first; nothing was written under that name");
        assertThat(hiddenTemporaryFiles()).isEqualTo(temporaryBefore);

        try (var reader = java.nio.channels.FileChannel.open(
                fifo, java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
            AtomicFile.write(fifo, temporary -> Files.writeString(temporary, "report"));
            java.nio.ByteBuffer read = java.nio.ByteBuffer.allocate("report".length());
            while (read.hasRemaining()) {
                reader.read(read);
            }
            assertThat(new String(read.array(), StandardCharsets.UTF_8)).isEqualTo("report");
        }
    }

    /** The hidden files a write into a device or a pipe makes in the temporary folder, there now. */
    private static List<Path> hiddenTemporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().matches("\\.fifo\\..*\\.part"))
                    .sorted()
                    .toList();
        }
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

    /**
     * A new file (a dump) takes its name only if no file has it when it is written: a file made there while the
     * content was written (another dump that chose the name) is kept, and nothing is left beside it.
     */
    @Test
    void aNewFileIsNotWrittenOverAFileMadeMeanwhile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("dump.json");

        assertThatThrownBy(() -> AtomicFile.writeNew(target, temporary -> {
                    Files.writeString(temporary, "mine");
                    Files.writeString(target, "another dump's");
                }))
                .isInstanceOf(AtomicFile.NotWritten.class)
                .hasMessage("could not write '" + target + "': a file of that name was made while loom worked;"
                        + " nothing was written under that name");

        assertThat(Files.readString(target)).isEqualTo("another dump's");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
        Path free = dir.resolve("free.json");
        AtomicFile.writeNew(free, temporary -> Files.writeString(temporary, "mine"));
        assertThat(Files.readString(free)).isEqualTo("mine");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(target, free);
        }
    }

    /**
     * A file already there is written over only if loom wrote it: a mistyped {@code --jfr README.md}
     * replaced the README, and a device ({@code --out /dev/null}, as root) would have been replaced by
     * a file.
     */
    @Test
    void checkTargetWritesOverOnlyWhatLoomWrites(@TempDir Path dir) throws IOException {
        Path readme = Files.writeString(dir.resolve("README.md"), "# my project\n");
        assertThatThrownBy(() -> AtomicFile.checkTarget(readme, "recording", AtomicFile.Kind.RECORDING))
                .isInstanceOf(RecordingSetupException.class)
                .hasMessageStartingWith("cannot write recording '" + readme + "': a file of another kind is there");
        assertThat(Files.readString(readme)).isEqualTo("# my project\n");
        Path longPath = dir.resolve("x".repeat(200));
        String aRecording = "FLR\0\u0002\u0001 and the rest of a recording";
        for (String content : List.of("", aRecording)) {
            Path ours = Files.writeString(dir.resolve("ours.jfr"), content, StandardCharsets.ISO_8859_1);
            assertThat(AtomicFile.checkTarget(ours, "recording", AtomicFile.Kind.RECORDING))
                    .as(content)
                    .isEqualTo(ours);
        }
        // a report is not written over a recording, nor a recording over a report (inspect web.jfr --out keep.jfr
        // replaced a recording loom did not make with a report, in a review)
        Path recorded = Files.writeString(dir.resolve("web.jfr"), aRecording, StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> AtomicFile.checkTarget(recorded, "--out", AtomicFile.Kind.REPORT))
                .hasMessage("cannot write --out '" + recorded + "': a file of another kind is there, and loom writes a"
                        + " report of loom inspect only over an empty file or a report of loom inspect; give another"
                        + " name, or remove it");
        Path report = Files.writeString(dir.resolve("report.txt"), "Recording: /tmp/a.jfr (1.0 KB, 10 events)\n");
        assertThatThrownBy(() -> AtomicFile.checkTarget(report, "recording", AtomicFile.Kind.RECORDING))
                .hasMessageContaining("a file of another kind is there");
        for (String content : List.of(
                "",
                "Recording: /tmp/a.jfr (1.0 KB, 10 events)\n",
                "{\n  \"file\" : \"" + longPath + "\",\n  \"bytes\" : 1,\n  \"findings\" : [ ]\n}\n",
                // a path of 4,096 characters that JSON escapes to six bytes each: "findings" about 24 KB in, past the
                // 8 KB once read
                "{\n  \"file\" : \"" + "\\u0001".repeat(4096) + "\",\n  \"bytes\" : 1,\n  \"findings\" : [ ]\n}\n",
                "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>loom inspect: " + longPath
                        + "</title>")) {
            Path ours = Files.writeString(dir.resolve("ours"), content, StandardCharsets.ISO_8859_1);
            assertThat(AtomicFile.checkTarget(ours, "--out", AtomicFile.Kind.REPORT))
                    .as(content)
                    .isEqualTo(ours);
        }
        Path audit = Files.writeString(dir.resolve("audit.json"), "{\"scan\":\"x\",\"findings\":[]}\n");
        assertThatThrownBy(() -> AtomicFile.checkTarget(audit, "--out", AtomicFile.Kind.REPORT))
                .as("another tool's JSON with a findings field")
                .hasMessageContaining("a file of another kind is there");
        Path recording = Files.writeString(dir.resolve("keep.jfr"), "FLR\0", StandardCharsets.ISO_8859_1);
        Path link = Files.createSymbolicLink(dir.resolve("latest.jfr"), recording);
        assertThatThrownBy(() -> AtomicFile.checkTarget(link, "recording", AtomicFile.Kind.RECORDING))
                .as("the write would replace the link with a file")
                .hasMessageContaining("it is a symbolic link");
        Path dangling = Files.createSymbolicLink(dir.resolve("gone.jfr"), dir.resolve("nothing-here"));
        assertThatThrownBy(() -> AtomicFile.checkTarget(dangling, "recording", AtomicFile.Kind.RECORDING))
                .hasMessageContaining("it is a symbolic link");
    }

    /**
     * A character device or a pipe is written into, not replaced nor refused: {@code --out /dev/null} was refused as
     * "not a regular file", and before that check, run as root, the write replaced the device with a file. The content
     * reaches the pipe whole, the pipe stays a pipe, and nothing is left beside it. /dev/null itself is only checked,
     * not written: a write that replaced it would replace it for the whole machine.
     */
    @Test
    // backstop on a thread of its own: a thread blocked opening a pipe ignores interrupts (Fifo opens none so)
    @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aDeviceOrAPipeIsWrittenIntoNotReplaced(@TempDir Path dir) throws Exception {
        Path device = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(device), "a Unix device");
        assertThat(AtomicFile.checkTarget(device, "--out", AtomicFile.Kind.REPORT))
                .isEqualTo(device);
        assertThat(AtomicFile.checkTarget(dir.resolve("null"), "--out", AtomicFile.Kind.REPORT))
                .as("beside it, a file name is checked as ever")
                .isEqualTo(dir.resolve("null"));
        assertThatThrownBy(() -> Recorder.checkTarget(device))
                .as("a recording's child JVMs record beside it: a file")
                .hasMessageStartingWith("cannot write recording '/dev/null': it is not a regular file");
        // a name of its own: the content is made in the temporary folder, shared, and looked for there after
        Path pipe = dir.resolve("pipe-" + java.util.UUID.randomUUID());
        try (Fifo fifo = Fifo.make(pipe)) {
            assertThat(AtomicFile.checkTarget(fifo.path(), "--out", AtomicFile.Kind.REPORT))
                    .isEqualTo(fifo.path());
            AtomicFile.write(fifo.path(), temporary -> Files.writeString(temporary, "the report"));
            assertThat(fifo.read()).isEqualTo("the report");
            assertThat(Files.exists(fifo.path()) && !Files.isRegularFile(fifo.path()))
                    .as("still a pipe")
                    .isTrue();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(pipe);
        }
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .as("the content's file, made in the temporary folder")
                    .noneMatch(name -> name.startsWith("." + pipe.getFileName()));
        }
    }

    /** What a command says of a file it wrote goes to stderr where the file is its standard output. */
    @Test
    void theStandardOutputIsToldByWhatItIsNotByItsName(@TempDir Path dir) throws IOException {
        Path stdout = Path.of("/dev/stdout");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(stdout), "a Unix /dev/stdout");
        assertThat(AtomicFile.isStandardOutput(stdout)).isTrue();
        assertThat(AtomicFile.isStandardOutput(Path.of("/proc/self/fd/1")))
                .as("another name of it")
                .isEqualTo(Files.exists(Path.of("/proc/self/fd/1")));
        assertThat(AtomicFile.isStandardOutput(Files.writeString(dir.resolve("r.json"), "{}")))
                .as("a file")
                .isFalse();
        assertThat(AtomicFile.isStandardOutput(dir.resolve("none")))
                .as("no file")
                .isFalse();
    }

    @Test
    void checkTargetRefusesADirectoryAndAMissingFolderAndLeavesNothingBehind(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> AtomicFile.checkTarget(dir, "--out", AtomicFile.Kind.REPORT))
                .isInstanceOf(RecordingSetupException.class)
                .hasMessage("cannot write --out '" + dir + "': it is a directory; give a file name");
        Path missing = dir.resolve("no/such/r.txt");
        assertThatThrownBy(() -> AtomicFile.checkTarget(missing, "recording", AtomicFile.Kind.RECORDING))
                .isInstanceOf(RecordingSetupException.class)
                .hasMessage("cannot write recording '" + missing + "': folder '" + missing.getParent()
                        + "' does not exist");
        Path file = Files.writeString(dir.resolve("p.jfr"), "");
        assertThatThrownBy(() -> AtomicFile.checkTarget(file.resolve("x.html"), "--out", AtomicFile.Kind.REPORT))
                .isInstanceOf(RecordingSetupException.class)
                .hasMessage(
                        "cannot write --out '" + file.resolve("x.html") + "': '" + file + "' is a file, not a folder");
        Files.delete(file);

        assertThat(AtomicFile.checkTarget(dir.resolve("r.txt"), "--out", AtomicFile.Kind.REPORT))
                .isEqualTo(dir.resolve("r.txt"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
