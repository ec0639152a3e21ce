package dev.loompatterns.scale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.scale.SleeperRun.Kind;
import dev.loompatterns.scale.SleeperRun.Wait;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SleeperRunTest {

    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(60)
    void everyTaskWakesOnEachKind(Kind kind) throws InterruptedException {
        SleeperRun.Result result = SleeperRun.run(kind, 50, 3, Duration.ofMillis(2), Wait.SLEEP);
        assertThat(result.woke()).isEqualTo(50);
        assertThat(result.wakeWindowNanos()).isNotNegative();
        assertThat(SleeperRun.Result.decode(result.encode())).isEqualTo(result);
    }
}
