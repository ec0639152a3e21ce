package dev.loompatterns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One recording of {@code loom run pinning --tasks 2 -P sleep-ms=5 --jfr FILE} (every mode and
 * variant), made by the first test class that asks for it and read by the others; deleted when the
 * JVM exits. The test classes that read it (InspectCommandTest, JmcReadsOurRecordingsTest, JmcRulesTest) only read
 * it: a run of about 9 s, made once in a test JVM rather than once a class.
 */
public final class PinningRecording {

    private static Path file;

    private PinningRecording() {}

    public static synchronized Path file() {
        if (file == null) {
            try {
                Path dir = Files.createTempDirectory("loom-pinning-");
                dir.toFile().deleteOnExit();
                Path recording = dir.resolve("p.jfr");
                recording.toFile().deleteOnExit(); // registered after its folder, so deleted before it
                LoomCliTest.Result run;
                try {
                    run = LoomCliTest.loom(
                            "run", "pinning", "--tasks", "2", "-P", "sleep-ms=5", "--jfr", recording.toString());
                } finally {
                    // the child JVMs' recordings beside it (p-child-N.jfr), a failed run's too, or the folder stays
                    // behind in /tmp
                    try (var beside = Files.list(dir)) {
                        beside.filter(f -> !f.equals(recording))
                                .forEach(f -> f.toFile().deleteOnExit());
                    }
                }
                assertThat(run.code()).as(run.out() + "\n" + run.err()).isZero();
                file = recording;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    /** The recordings of the run's child JVMs, beside {@link #file()} ({@code p-child-N.jfr}), in name order. */
    public static List<Path> children() throws IOException {
        Path recording = file();
        try (Stream<Path> beside = Files.list(recording.getParent())) {
            return beside.filter(f -> f.getFileName().toString().startsWith("p-child-"))
                    .sorted()
                    .toList();
        }
    }
}
