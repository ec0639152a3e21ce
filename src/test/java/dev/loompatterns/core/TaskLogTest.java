package dev.loompatterns.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** What a task log records of the calls it makes, each once. */
class TaskLogTest {

    @Test
    void afterLatenciesMakesOneCallATaskEachAnsweringForItsOwnIndex() throws Exception {
        TaskLog log = new TaskLog(3);
        List<Integer> latencyAskedFor = new ArrayList<>();
        List<Callable<String>> calls = log.afterLatencies(
                task -> {
                    latencyAskedFor.add(task);
                    return Duration.ZERO;
                },
                task -> () -> {
                    if (task == 1) {
                        throw new IOException("down");
                    }
                    return "answer-" + task;
                });

        assertThat(calls).hasSize(3);
        assertThat(latencyAskedFor).containsExactly(0, 1, 2);
        assertThat(log.snapshot()).containsOnlyNulls(); // made, not yet run
        assertThat(calls.get(2).call()).isEqualTo("answer-2");
        assertThatThrownBy(calls.get(1)::call).isInstanceOf(IOException.class);
        assertThat(calls.get(0).call()).isEqualTo("answer-0");
        assertThat(log.snapshot())
                .containsExactly(TaskLog.State.SUCCEEDED, TaskLog.State.FAILED, TaskLog.State.SUCCEEDED);
        assertThatThrownBy(calls.get(0)::call).isInstanceOf(IllegalStateException.class);
    }
}
