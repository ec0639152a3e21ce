package dev.loompatterns.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.core.ChildJvm;
import dev.loompatterns.testing.Commands;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JfrRepositoryTest {

    private static final long PID = 4242;

    @TempDir
    Path base;

    /** In a child JVM, which halts: with the call its repository is gone, without it the folder stays. */
    @Test
    void aHaltedJvmThatDeletesItsRepositoryLeavesNone() throws Exception {
        Path deleted = haltedChildsRepository("delete");
        Path kept = haltedChildsRepository("keep");
        try {
            assertThat(deleted).doesNotExist();
            // the JDK's behaviour the class exists for: halted, a JVM leaves its repository and chunks
            assertThat(kept).isDirectory();
            try (var chunks = Files.list(kept)) {
                assertThat(chunks.map(Path::toString)).anyMatch(name -> name.endsWith(".jfr"));
            }
        } finally {
            JfrRepository.deleteIfMadeBy(kept, pidOf(kept));
        }
        assertThat(kept).doesNotExist();
    }

    private static Path haltedChildsRepository(String what) throws Exception {
        try (ChildJvm.Launch launch = ChildJvm.Launch.plain(List.of(), Halted.class, List.of(what))) {
            ChildJvm.Result child = ChildJvm.run(launch, Duration.ofMinutes(1));
            assertThat(child.exitCode()).as(child.stderr()).isEqualTo(Halted.EXIT);
            assertThat(child.stdout()).hasSize(1);
            return Path.of(child.stdout().getFirst());
        }
    }

    private static long pidOf(Path repository) {
        String name = repository.getFileName().toString();
        return Long.parseLong(name.substring(name.lastIndexOf('_') + 1));
    }

    /** The child's program: a recording streams to the repository, then the JVM halts. */
    static final class Halted {
        static final int EXIT = 3;

        public static void main(String[] args) throws Exception {
            try (RecordingStream stream = new RecordingStream()) {
                stream.enable("jdk.VirtualThreadPinned");
                stream.startAsync();
                System.out.println(System.getProperty(JfrRepository.PROPERTY));
                System.out.flush();
                if (args[0].equals("delete") && !JfrRepository.deleteOwnBeforeHalt()) {
                    System.out.println("not deleted");
                }
                Runtime.getRuntime().halt(EXIT);
            }
        }
    }

    @Test
    void aDeadProcesssRepositoryIsDeletedAndNothingElse() throws Exception {
        Path left = Files.createDirectory(base.resolve("2026_12_02_15_15_34_" + PID));
        Files.writeString(left.resolve("2026_12_02_15_15_34.jfr"), "chunk");
        Files.writeString(left.resolve("2026_12_02_15_15_35.part"), "chunk");
        Path otherPid = Files.createDirectory(base.resolve("2026_12_02_15_15_34_" + (PID + 1)));
        Path longerPid = Files.createDirectory(base.resolve("2026_12_02_15_15_34_1" + PID));
        Path notJfrs = Files.createDirectory(base.resolve("mine_" + PID));
        Path aFile = Files.writeString(base.resolve("2026_12_02_15_15_36_" + PID), "a file, not a folder");

        assertThat(JfrRepository.deleteLeftBy(PID, Instant.now(), base)).containsExactly(left);

        assertThat(left).doesNotExist();
        assertThat(otherPid).isDirectory();
        assertThat(longerPid).isDirectory();
        assertThat(notJfrs).isDirectory();
        assertThat(aFile).isRegularFile();
    }

    /**
     * A folder for the pid made before the process started is an earlier process's, given the same pid, that ended
     * without its hooks too: a user's, perhaps, kept to be inspected. Its times are set back, as such a folder's are.
     */
    @Test
    void aRepositoryOfAnEarlierProcessWithTheSamePidIsKept() throws Exception {
        Instant started = Instant.now();
        Path earlier = Files.createDirectory(base.resolve("2026_12_01_09_00_00_" + PID));
        Files.writeString(earlier.resolve("2026_12_01_09_00_00.jfr"), "chunk");
        Files.setLastModifiedTime(earlier, FileTime.from(started.minus(Duration.ofDays(1))));
        Path its = Files.createDirectory(base.resolve("2026_12_02_15_15_34_" + PID));

        assertThat(JfrRepository.deleteLeftBy(PID, started, base)).containsExactly(its);

        assertThat(earlier.resolve("2026_12_01_09_00_00.jfr")).isRegularFile();
    }

    /**
     * A folder named for a live process is that process's only if the process has a file in it open, where the system
     * shows a process's files (Linux): one named for this JVM is while this JVM holds a chunk in it open, and is not
     * once it is closed, the folder made now or not (a container's JVM was pid 1, and the host's init, pid 1 since
     * long before, was taken for its maker). Where the system does not show them, only if the process began before
     * the folder was made: with its times set back before this JVM began, its maker has ended and the pid is this
     * JVM's since. A pid no process has, or a name that is not a repository's, is no running maker.
     */
    @Test
    void aRepositorysMakerRunsOnlyIfItsPidsProcessWritesInIt() throws Exception {
        long own = ProcessHandle.current().pid();
        Path folder = Files.createDirectory(base.resolve("2026_12_02_15_15_34_" + own));
        boolean filesShown = JfrRepository.hasOpenIn(own, folder).isPresent();
        assertThat(filesShown)
                .as("this machine's /proc shows this JVM's files")
                .isEqualTo(Files.isDirectory(Path.of("/proc/self/fd")));
        try (FileChannel chunk = FileChannel.open(
                folder.resolve("2026_12_02_15_15_34.jfr"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            assertThat(JfrRepository.madeByRunningProcess(folder))
                    .as("a chunk open")
                    .isTrue();
        }
        assertThat(JfrRepository.madeByRunningProcess(folder))
                .as("made now, nothing open")
                .isEqualTo(!filesShown);

        // where the system does not show a process's files: the times alone
        assertThat(JfrRepository.beganBeforeMade(ProcessHandle.current(), folder))
                .as("made now, by the times")
                .isTrue();
        Instant began = ProcessHandle.current().info().startInstant().orElseThrow();
        Files.setLastModifiedTime(folder, FileTime.from(began.minus(Duration.ofHours(1))));
        assertThat(JfrRepository.beganBeforeMade(ProcessHandle.current(), folder))
                .as("made before this JVM began, by the times")
                .isFalse();
        assertThat(JfrRepository.madeByRunningProcess(folder))
                .as("made before this JVM began")
                .isFalse();

        Path gone = Files.createDirectory(base.resolve("2026_12_02_15_15_34_" + Commands.endedPid()));
        assertThat(JfrRepository.madeByRunningProcess(gone))
                .as("no such process")
                .isFalse();
        Path notARepository = Files.createDirectory(base.resolve("mine_" + own));
        assertThat(JfrRepository.madeByRunningProcess(notARepository))
                .as("not a repository's name")
                .isFalse();
    }

    @Test
    void aFolderHoldingMoreThanFilesIsKept() throws Exception {
        Path repository = Files.createDirectory(base.resolve("2026_12_02_15_15_34_" + PID));
        Files.writeString(repository.resolve("a.jfr"), "chunk");
        Path inside = Files.createDirectory(repository.resolve("not-jfrs"));

        assertThat(JfrRepository.deleteIfMadeBy(repository, PID)).isFalse();

        assertThat(inside).isDirectory();
    }

    /**
     * The pin stream's folder of dumps inside the repository goes with it: a JVM halted on a signal, or a child killed,
     * whose pin window had dumped (scheduling's file-io), left its repository behind once dumps had a folder there.
     */
    @Test
    void thePinStreamsFolderOfDumpsGoesWithItsRepository() throws Exception {
        Path repository = Files.createDirectory(base.resolve("2026_12_02_15_15_34_" + PID));
        Files.writeString(repository.resolve("a.jfr"), "chunk");
        Path dumps = Files.createDirectory(repository.resolve(PinStream.DUMP_FOLDER));
        Files.writeString(dumps.resolve("loom-stream-1.jfr"), "a dump");

        assertThat(JfrRepository.deleteIfMadeBy(repository, PID)).isTrue();

        assertThat(repository).doesNotExist();
    }

    @Test
    void aLinkNamedAsARepositoryIsNotFollowed() throws Exception {
        Path target = Files.createDirectory(base.resolve("target"));
        Path kept = Files.writeString(target.resolve("a.jfr"), "someone else's");
        Path link = Files.createSymbolicLink(base.resolve("2026_12_02_15_15_34_" + PID), target);

        assertThat(JfrRepository.deleteLeftBy(PID, Instant.now(), base)).isEmpty();

        assertThat(kept).isRegularFile();
        assertThat(link).isSymbolicLink();
    }

    /**
     * The repositories named for the moment a file was made, within the slack, the closest first; a folder of another
     * name, a file named as a repository, and one made minutes away are left out.
     */
    @Test
    void theRepositoriesMadeNearAMomentAreFoundByTheTimeInTheirNames() throws Exception {
        java.time.format.DateTimeFormatter names = java.time.format.DateTimeFormatter.ofPattern("uuuu_MM_dd_HH_mm_ss")
                .withZone(java.time.ZoneId.systemDefault());
        Instant moment = Instant.parse("2026-12-07T10:03:33.713Z");
        Path same = Files.createDirectory(base.resolve(names.format(moment) + "_" + PID));
        Path secondLater = Files.createDirectory(base.resolve(names.format(moment.plusSeconds(1)) + "_1"));
        Files.createDirectory(base.resolve(names.format(moment.plusSeconds(120)) + "_2"));
        Files.createDirectory(base.resolve("2026_12_07_xx_03_33_3"));
        Files.createFile(base.resolve(names.format(moment) + "_4"));

        assertThat(JfrRepository.madeNear(base, moment)).containsExactly(same, secondLater);
        assertThat(JfrRepository.madeNear(base, moment.plusSeconds(60))).isEmpty();
        assertThat(JfrRepository.madeNear(base.resolve("missing"), moment)).isEmpty();
    }
}
