package dev.loompatterns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.cli.LoomCliTest.Result;
import dev.loompatterns.core.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code loom scale} at tiny sizes; the million-thread run is a manual run (docs/results.md). */
class ScaleCommandTest {

    @Test
    @Timeout(120)
    void printsARowPerKindInChildJvmsAndPassesWhenEveryTaskWoke() {
        Result result =
                LoomCliTest.loom("scale", "--tasks", "300", "--platform-tasks", "20", "--pool", "4", "--sleep-ms", "1");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("virtual thread per task")
                .contains("pass: all 300 woke")
                .contains("platform thread per task")
                .contains("fixed pool of platform threads (4)")
                .contains("pass: all 20 woke")
                .contains("VmHWM");
    }

    @Test
    @Timeout(120)
    void platformRowsCanBeSkipped() {
        Result result = LoomCliTest.loom(
                "scale",
                "--tasks",
                "10",
                "--platform-tasks",
                "0",
                "--sleep-ms",
                "0",
                "--wait",
                "park",
                "--warmup",
                "1");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("pass: all 10 woke")
                .contains("1 warm-up round")
                .doesNotContain("platform thread per task");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--platform-tasks 300000",
                "--platform-tasks -1",
                "--tasks 0",
                "--tasks 6000000",
                "--pool 0",
                "--sleep-ms -1",
                "--sleep-ms 60001",
                "--repeat 0",
                "--wait spin",
                "--warmup 11"
            })
    void refusesSizesThatWouldExhaustTheMachineWithOneLine(String args) {
        Result result = LoomCliTest.loom(("scale " + args).split(" "));
        assertThat(result.code()).as(result.err()).isEqualTo(LoomCli.EXIT_USAGE);
        assertThat(result.errLines()).as(result.err()).hasSize(1);
        assertThat(result.err()).startsWith("loom: ").doesNotContain("Exception");
    }

    @Test
    void theRefusalNamesThePlatformThreadLimit() {
        Result result = LoomCliTest.loom("scale", "--platform-tasks", "300000");
        assertThat(result.err())
                .contains(Integer.toString(Limits.MAX_PLATFORM_THREADS))
                .contains("platform threads");
    }
}
