package dev.loompatterns.urlfetch;

import java.net.URI;

/**
 * One URL's outcome.
 *
 * @param uri    what was asked for
 * @param status the HTTP status, or -1 if no response came
 * @param body   the body, or the error if no response came
 */
public record Fetched(URI uri, int status, String body) {

    public boolean ok() {
        return status >= 200 && status < 400;
    }
}
