package dev.loompatterns.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import dev.loompatterns.testing.LiveThreads;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pattern in the catalogue, in every mode and variant, passes its own check with a small
 * workload (a wrong-way variant: shown, or not shown with why), and leaves nothing behind: every
 * thread the run started, platform or virtual, has ended when it returns, and so have its child
 * processes. New patterns are covered as soon as they are registered.
 */
class CatalogueRunsTest {

    static Stream<Arguments> cells() {
        return Catalogue.load().patterns().stream()
                .flatMap(pattern -> pattern.modes().stream()
                        .flatMap(mode -> pattern.variants().stream()
                                .map(variant -> Arguments.of(pattern.id(), mode, variant.id()))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cells")
    @Timeout(120) // backstop: a hung pattern fails here instead of hanging the build
    void everyCellPassesItsCheckAndLeavesNothingBehind(String id, Mode mode, String variantId)
            throws InterruptedException {
        Pattern pattern = Catalogue.load().find(id);
        Variant variant = pattern.variant(variantId);
        Workload small = Workload.resolve(pattern, mode, Math.min(pattern.defaultTasks(), 50), Map.of());
        Set<Long> before = LiveThreads.ids(LiveThreads.snapshot());

        RunReport report = new Runner().run(pattern, mode, variant, small);

        // both reported when both fail: a run that fails its check may also leave something behind
        assertAll(
                () -> {
                    // a wrong-way variant shows its flaw, or says why it did not this time; it never passes or fails
                    assertThat(report.check().verdict())
                            .as(
                                    "%s %s %s: %s",
                                    id, mode, variantId, report.check().detail())
                            .isIn(
                                    variant.wrongWay()
                                            ? List.of(Check.Verdict.DEMONSTRATED, Check.Verdict.NOT_SHOWN)
                                            : List.of(Check.Verdict.PASSED));
                    assertThat(report.check().detail()).isNotBlank();
                    assertThat(report.tasks()).isEqualTo(small.tasks());
                    assertThat(report.wall()).isPositive();
                },
                () -> LiveThreads.assertNothingLeftSince(before, id + " " + mode + " " + variantId));
    }

    /** The leak check itself can fail: a thread left parked is found, platform or virtual. */
    @Test
    @Timeout(30)
    void theLeakCheckFindsALeftOverThreadOfEitherKind() throws InterruptedException {
        Set<Long> before = LiveThreads.ids(LiveThreads.snapshot());
        CountDownLatch release = new CountDownLatch(1);
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
