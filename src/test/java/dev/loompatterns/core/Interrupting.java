package dev.loompatterns.core;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/** Interrupts a blocking call at a moment chosen by observable state, and reports how it ended. */
public final class Interrupting {

    private Interrupting() {}

    /**
     * Runs {@code call} on a new platform thread, waits until {@code ready} holds (say, until
     * every subtask it started has logged its start), interrupts that thread and joins it.
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
        try {
            while (!ready.getAsBoolean()) {
                Thread.onSpinWait();
            }
            caller.interrupt();
        } finally {
            caller.join();
        }
        return outcome.get();
    }
}
