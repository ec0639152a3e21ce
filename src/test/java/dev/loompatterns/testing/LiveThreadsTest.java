package dev.loompatterns.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The snapshot the leak checks read. */
class LiveThreadsTest {

    /**
     * A snapshot waits for the scheduler to be idle only up to its backstop: a virtual thread that
     * stays mounted (here, spinning) is still dumped, and seen, rather than holding the check.
     */
    @Test
    @Timeout(60) // a backstop: a snapshot that waited for the spinner to end would never return
    void aSnapshotBesideAMountedVirtualThreadIsTakenAndSeesIt() throws Exception {
        try (Spinner spinner = Spinner.start("live-threads-spinner")) {
            assertThat(LiveThreads.snapshot())
                    .anySatisfy(thread -> assertThat(thread.name()).isEqualTo("live-threads-spinner"));
        }
    }

    /**
     * The leak check's rule, on threads as a real dump shows them: one still in the project's code (parked in a task
     * of this class) is at work, so a run that returned without joining it leaked it, and it is reported at once;
     * an idle pool worker, out of the project's code, is not (it keeps the backstop to be gone), nor is
     * {@code loom-jfr-stop}, which counts its caller's latch down as its last act.
     */
    @Test
    void aThreadStillInTheProjectsCodeIsAtWorkAndAnIdlePoolWorkerIsNot() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("live-threads-idle-worker").factory());
        try (Background<Void> working = Background.start(() -> {
            release.await();
            return null;
        })) {
            pool.submit(() -> {}).get(); // its worker now waits for the next task, in the JDK's code alone
            working.awaitState(Thread.State.WAITING);
            java.util.List<LiveThreads.LiveThread> threads = LiveThreads.snapshot();
            assertThat(threads)
                    .filteredOn(thread -> thread.tid() == working.thread().threadId())
                    .singleElement()
                    .matches(LiveThreads::stillAtWork, "at work");
            assertThat(threads)
                    .filteredOn(thread -> thread.name().equals("live-threads-idle-worker"))
                    .singleElement()
                    .matches(thread -> !LiveThreads.stillAtWork(thread), "not at work");
            LiveThreads.LiveThread stopper = new LiveThreads.LiveThread(
                    1,
                    dev.loompatterns.jfr.PinStream.STOPPER_THREAD,
                    false,
                    "RUNNABLE",
                    "<root>",
                    java.util.List.of(
                            "java.base/java.util.concurrent.CountDownLatch.countDown(CountDownLatch.java:1)",
                            "dev.loompatterns.jfr.PinStream.lambda$stop$0(PinStream.java:1)"));
            assertThat(LiveThreads.stillAtWork(stopper)).isFalse();
            release.countDown();
            working.join();
        } finally {
            pool.close();
        }
    }
}
