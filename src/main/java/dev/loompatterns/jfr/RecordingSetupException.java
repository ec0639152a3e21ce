package dev.loompatterns.jfr;

import java.io.Serial;

/**
 * A recording cannot be set up as asked: an unknown or broken profile, or a path where no recording
 * (nor, for {@link AtomicFile#checkTarget}, a report) can be written. Thrown before any work starts;
 * the CLI reports it as a usage error (one line, exit 2). It lives here rather than in {@code core} so
 * that {@code jfr} stays a service that {@code core} and {@code cli} use, depending on neither.
 */
public final class RecordingSetupException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public RecordingSetupException(String message) {
        super(message);
    }
}
