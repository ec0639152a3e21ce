package dev.loompatterns.urlfetch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;

/**
 * One URL's outcome: the answer, or the error that came instead of one.
 *
 * @param uri    what was asked for
 * @param status the HTTP status, or -1 if no response came
 * @param body   the body, or the error's text if no response came
 * @param error  why no response came, or {@code null} if one did
 */
public record Outcome(URI uri, int status, String body, IOException error) {

    /** What {@link #kind()} says when the client's timeout ended the request. */
    public static final String TIMEOUT = "timeout";
    /** What {@link #kind()} says when the connection failed or ended before a whole answer. */
    public static final String IO_ERROR = "I/O error";

    /** An answer. */
    public Outcome(URI uri, int status, String body) {
        this(uri, status, body, null);
    }

    /** No answer: the request ended with {@code error}. */
    static Outcome failed(URI uri, IOException error) {
        return new Outcome(uri, -1, describe(error), error);
    }

    /**
     * An I/O failure in words: its class and message, or its cause's where it has none (the HTTP client's
     * ConnectException carries only a cause: "ConnectException: null" said nothing).
     */
    static String describe(Throwable error) {
        String words = error.getClass().getSimpleName();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                return words + ": "
                        + (t == error || t.getClass() == error.getClass()
                                ? ""
                                : t.getClass().getSimpleName() + ": ")
                        + t.getMessage();
            }
        }
        // JDK 25's HttpClient: ConnectException, caused by ConnectException, caused by ClosedChannelException
        // (refused, no route) or by UnresolvedAddressException (a host name DNS does not know: a typo said
        // "refused, or no route"), none with a message
        if (!(error instanceof java.net.ConnectException)) {
            return words;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException) {
                return words + ": could not resolve the host name";
            }
        }
        return words + ": could not connect (refused, or no route)";
    }

    public boolean ok() {
        return status >= 200 && status < 400;
    }

    /**
     * The kind of outcome, as a check compares it: {@code HTTP 200}, {@code HTTP 500}, {@value #TIMEOUT},
     * {@value #IO_ERROR}.
     */
    public String kind() {
        if (error == null) {
            return "HTTP " + status;
        }
        return error instanceof HttpTimeoutException ? TIMEOUT : IO_ERROR;
    }
}
