package dev.loompatterns.threaddump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DumpReader}: a dump read as a stream, what many threads repeat kept once, stopped by an interrupt. */
public class DumpReaderTest {

    /** A JDK 25 dump of {@code threads} virtual threads parked at one line, in one container beside the root. */
    public static String parkedAtOneLine(int threads) {
        StringJoiner all = new StringJoiner(",\n");
        for (int i = 0; i < threads; i++) {
            all.add("{\"tid\": \"" + (100 + i) + "\", \"name\": \"\", \"state\": \"WAITING\", \"virtual\": true,"
                    + " \"parkBlocker\": {\"object\":"
                    + " \"java.util.concurrent.Semaphore$NonfairSync@1f\"}, \"stack\":"
                    + " [\"java.base/java.lang.VirtualThread.park(VirtualThread.java:738)\","
                    + " \"app/app.Db.query(Db.java:5)\","
                    + " \"java.base/java.lang.VirtualThread.run(VirtualThread.java:456)\"]}");
        }
        return """
            {"threadDump": {"processId": "7", "threadContainers": [
              {"container": "<root>", "parent": null, "owner": null, "threads": []},
              {"container": "java.util.concurrent.ThreadPerTaskExecutor@2a", "parent": "<root>", "owner": null,
               "threads": [%s]}
            ]}}
            """.formatted(all);
    }

    static Path write(Path dir, String json) throws IOException {
        return Files.writeString(dir.resolve("dump.json"), json);
    }

    /** The threads of the pool, in the dump's order. */
    static List<ThreadDump.DumpedThread> pool(ThreadDump dump) {
        return dump.containers().get(1).threads();
    }

    /**
     * Threads parked at one line share one stack and one string for what they are parked on: read as a tree of
     * JSON nodes, each had its own, and 100,000 threads' dump took ten times its size.
     */
    @Test
    void threadsParkedAtOneLineShareTheirStack(@TempDir Path dir) throws IOException {
        ThreadDump dump = ThreadDump.read(write(dir, parkedAtOneLine(3)));

        List<ThreadDump.DumpedThread> threads = pool(dump);
        assertThat(threads).extracting(ThreadDump.DumpedThread::tid).containsExactly("100", "101", "102");
        assertThat(threads.get(1).stack()).isSameAs(threads.get(0).stack());
        assertThat(threads.get(2).stack()).isSameAs(threads.get(0).stack());
        assertThat(threads.get(2).parkBlocker())
                .isEqualTo("java.util.concurrent.Semaphore$NonfairSync@1f")
                .isSameAs(threads.get(0).parkBlocker());
        assertThat(threads.get(0).stack()).hasSize(3).element(1).isEqualTo("app/app.Db.query(Db.java:5)");
        assertThat(threads).allMatch(ThreadDump.DumpedThread::virtual);
    }

    /** Every thousand threads the bytes read so far are told, each more than the last and none past the file's end. */
    @Test
    void theBytesReadAreToldAsTheReadingGoes(@TempDir Path dir) throws IOException {
        Path file = write(dir, parkedAtOneLine(2_500));
        List<Long> told = new ArrayList<>();

        ThreadDump dump = ThreadDump.read(file, told::add);

        long size = Files.size(file);
        assertThat(pool(dump)).hasSize(2_500);
        assertThat(told).hasSize(2).isSorted().allMatch(bytes -> bytes > 0 && bytes < size);
        assertThat(told.get(1)).isGreaterThan(told.get(0));
    }

    /** A Ctrl-C (the CLI interrupts its main thread) stops the reading: nothing is returned, the interrupt is kept. */
    @Test
    void anInterruptStopsTheReadingAndIsKept(@TempDir Path dir) throws IOException {
        Path file = write(dir, parkedAtOneLine(1_500));
        List<Long> told = new ArrayList<>();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> ThreadDump.read(file, told::add)).isInstanceOf(InterruptedIOException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(told).isEmpty();
        } finally {
            Thread.interrupted();
        }
    }

    /**
     * Fields in an order of their own, fields not known (objects and arrays among them, skipped whole), values of a
     * shape not expected and a container that is not an object are passed over, as a tree's {@code path} passed
     * over them; a number is read as it is written. A null among a thread's frames is passed over too: it was kept, and
     * the stack's copy threw a NullPointerException ({@code loom: unexpected error}, exit 1).
     */
    @Test
    void fieldsInAnyOrderOrShapeAreReadOrPassedOver(@TempDir Path dir) throws IOException {
        ThreadDump dump = ThreadDump.read(write(dir, """
            {"before": {"threadContainers": [1, 2]}, "threadDump": {"extra": [{"threadContainers": []}],
              "threadContainers": [
                "not a container",
                {"threads": [
                   {"stack": "not a list", "state": {"not": "text"}, "tid": 41, "parkBlocker": "not an object",
                    "later": {"nested": [1, {"deep": true}]}, "waitingOn": "java.lang.Object@9", "name": ["x"]},
                   {"blockedOn": "java.lang.Object@8", "waitingOn": "java.lang.Object@9", "tid": "42",
                    "stack": ["java.base/java.lang.Object.wait0(Native Method)", {"frame": 1}, 7, null]}
                 ], "owner": "41", "container": "<root>", "parent": null}],
              "time": "2026-12-05T00:00:00Z", "processId": 12, "runtimeVersion": "25.0.3"}}
            """));

        assertThat(dump.origin()).isEqualTo(new ThreadDump.Origin("12", "2026-12-05T00:00:00Z", "25.0.3"));
        assertThat(dump.containers()).hasSize(1);
        ThreadDump.Container root = dump.containers().getFirst();
        assertThat(root.id()).isEqualTo("<root>");
        assertThat(root.owner()).isEqualTo("41");
        assertThat(root.parent()).isNull();
        ThreadDump.DumpedThread first = root.threads().get(0);
        assertThat(first.tid()).isEqualTo("41");
        assertThat(first.name()).isEmpty();
        assertThat(first.state()).isEqualTo(ThreadDump.UNKNOWN_STATE);
        assertThat(first.stack()).isEmpty();
        assertThat(first.parkBlocker()).isEmpty();
        assertThat(first.monitor()).isEqualTo("java.lang.Object@9");
        ThreadDump.DumpedThread second = root.threads().get(1);
        assertThat(second.monitor()).isEqualTo("java.lang.Object@8");
        assertThat(second.stack()).containsExactly("java.base/java.lang.Object.wait0(Native Method)", "7");
        assertThat(second.virtual()).isFalse();
    }

    /** JSON cut short is the parser's end-of-input wherever the cut is; JSON of another shape is not a dump. */
    @Test
    void jsonCutShortOrOfAnotherShapeIsRefused(@TempDir Path dir) throws IOException {
        String whole = parkedAtOneLine(2);
        for (int cut : List.of(whole.indexOf("threads"), whole.indexOf("app.Db"), whole.lastIndexOf('}'))) {
            Path file = write(dir, whole.substring(0, cut));
            assertThatThrownBy(() -> ThreadDump.read(file)).as("cut at " + cut).isInstanceOf(JsonEOFException.class);
        }
        for (String other : List.of("[]", "{\"threadDump\": []}", "{\"threadDump\": {\"threadContainers\": {}}}", "")) {
            Path file = write(dir, other);
            assertThatThrownBy(() -> ThreadDump.read(file))
                    .as(other)
                    .isInstanceOf(ThreadDump.NotADump.class)
                    .hasMessageContaining("not a JSON thread dump");
        }
    }
}
