package dev.loompatterns.core;

import dev.loompatterns.testing.Background;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/** Interrupts a blocking call at a moment chosen by observable state, and reports how it ended. */
public final class Interrupting {

    private Interrupting() {}

    /**
     * Runs {@code call} on a new platform thread, waits until {@code ready} holds (say, until
     * every subtask it started has logged its start), interrupts that thread and joins it. A call
     * that ends before {@code ready} holds fails here with how it ended, rather than leaving the
     * wait to a backstop; the wait polls, so a test's {@code @Timeout} can end it too.
     *
     * @return what the call threw, or null if it returned
     */
    public static Throwable interruptWhenReady(Callable<?> call, BooleanSupplier ready) throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = Thread.ofPlatform().name("interrupted-caller").start(() -> {
            try {
                call.call();
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        boolean wasReady = false;
        try {
            Background.awaitUntil(() -> ready.getAsBoolean() || !caller.isAlive());
            wasReady = caller.isAlive() || ready.getAsBoolean(); // alive: the wait ended because ready held
        } finally {
            caller.interrupt(); // when ready; else not left running (it ended, or the wait was interrupted)
            caller.join();
        }
        if (!wasReady) {
            Throwable ended = outcome.resultNow();
            throw new AssertionError(
                    "the call ended before it was ready to be interrupted: "
                            + (ended == null ? "it returned" : "it threw " + ended),
                    ended);
        }
        return outcome.get();
    }
}
