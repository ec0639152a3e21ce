package dev.loompatterns.jfr;

/**
 * Whether the JVM has begun to shut down, asked before a recording starts.
 *
 * <p>Why: on JDK 25 (seen here on 25.0.3), once JFR's own shutdown hook has run, starting a
 * recording never returns: the caller stays in the native {@code JVM.beginRecording} holding
 * JFR's recorder lock, so a {@code loom compare} stopped by Ctrl-C between two runs hung until
 * its grace period ran out and printed nothing. Shutdown hooks run in no set order, so the only
 * cure is not to start one once shutdown has begun. There is no API that says so; registering a
 * hook does: {@link Runtime#addShutdownHook} refuses once the hooks have started.
 *
 * <p>Compiled for Java 21 with the pin assertion, which uses it too.
 */
public final class JvmShutdown {

    private JvmShutdown() {}

    /** True once the JVM's shutdown hooks have started. */
    public static boolean inProgress() {
        Thread probe = new Thread(() -> {}, "loom-shutdown-probe"); // never started
        try {
            Runtime.getRuntime().addShutdownHook(probe);
        } catch (IllegalStateException shuttingDown) {
            return true;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(probe);
        } catch (IllegalStateException shuttingDown) {
            return true;
        }
        return false;
    }

    /**
     * @throws IllegalStateException if the JVM is shutting down: {@code what} is not started
     */
    public static void requireRunning(String what) {
        if (inProgress()) {
            throw new IllegalStateException("the JVM is shutting down: " + what + " not started");
        }
    }
}
