package dev.loompatterns.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.testing.LiveThreads;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No pattern leaves anything behind: every thread a run starts, platform or virtual, has ended
 * when the run returns, and so have its child processes. Runs over the whole catalogue, so a new
 * pattern is covered as soon as it is registered.
 */
class NoLeaksTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("dev.loompatterns.core.CatalogueRunsTest#cells")
    @Timeout(120)
    void aRunLeavesNoThreadAndNoChildProcess(String id, Mode mode, String variantId) throws InterruptedException {
        Pattern pattern = Catalogue.load().find(id);
        Workload small = Workload.resolve(pattern, mode, Math.min(pattern.defaultTasks(), 20), Map.of());
        Set<Long> before = LiveThreads.ids(LiveThreads.snapshot());

        new Runner().run(pattern, mode, pattern.variant(variantId), small);

        LiveThreads.assertNothingLeftSince(before, id + " " + mode + " " + variantId);
    }

    /** The leak check itself can fail: a thread left parked is found, platform or virtual. */
    @Test
    @Timeout(30)
    void theCheckFindsALeftOverThreadOfEitherKind() throws InterruptedException {
        Set<Long> before = LiveThreads.ids(LiveThreads.snapshot());
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Runnable parked = () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Thread platform = Thread.ofPlatform().name("left-platform").start(parked);
        Thread virtual = Thread.ofVirtual().name("left-virtual").start(parked);
        try {
            assertThat(LiveThreads.startedSinceAndStillAlive(before, Duration.ofMillis(50)))
                    .extracting(LiveThreads.LiveThread::name)
                    .contains("left-platform", "left-virtual");
            assertThat(ManagementFactory.getThreadMXBean().getThreadInfo(virtual.threadId()))
                    .as("ThreadMXBean does not see virtual threads: why the dump is needed")
                    .isNull();
        } finally {
            release.countDown();
            platform.join();
            virtual.join();
        }
    }
}
