package dev.loompatterns.urlfetch;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.UsageException;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Whether this JVM may open the sockets a run needs, checked before it starts. Each request in flight
 * holds a connection: a socket for the client and, against the embedded server, which runs in this
 * JVM, one for the server. In the virtual and structured modes every request is in flight at once
 * unless {@code -P max-in-flight} says otherwise, so a large {@code --tasks} meets the process's
 * limit on open files ({@code ulimit -n}: 1,024 on many Linux desktops, 20,000 on the project
 * machine), and the run failed with "Too many open files" (or timed out) part way, as a failed check.
 */
final class Descriptors {

    /**
     * Descriptors kept free for the rest of the JVM (jars, the HTTP client's selector, JFR): this many, or a quarter
     * of a lower limit. A fixed 256 refused every run, even of one request, under a limit of 256 (macOS's usual soft
     * limit), where a run starts with about 15 open (a review, 2026-12-07).
     */
    static final int SPARE = 256;

    /**
     * Descriptors the advised cap leaves beside the reserve: each check counts those open at the time, and the CLI
     * checks a run twice before it starts (once for every cell, then as the session starts), with two more open at the
     * second; an advice to the last descriptor was then refused by the next check.
     */
    static final int ADVICE_SLACK = 8;

    /** What {@link #shortage} keeps free under a limit of {@code max} descriptors, before any run starts. */
    static long spare(long max) {
        return Math.min(SPARE, max / 4);
    }

    /**
     * What the check at a run's set-up keeps free: half of {@link #spare}. The check before the runs counts the
     * descriptors open then; by the set-up the cells run before it (a compare's), the recordings and the JVM have opened
     * more, and the same check refused what the first had just advised (under a limit of 256, "give -P
     * max-in-flight=88", then 88 refused with 17 open: a hunt, 2026-12-07). The other half is for those.
     */
    static long spareAtSetUp(long max) {
        return spare(max) / 2;
    }

    private Descriptors() {}

    /** Requests in flight at once: the pool's workers on platform threads, else the permits, if any. */
    static int inFlight(Mode mode, int requests, Form.Options options) {
        int limit = mode == Mode.PLATFORM
                ? options.workers()
                : options.maxInFlight() > 0 ? options.maxInFlight() : requests;
        return Math.min(requests, limit);
    }

    /**
     * Why a run of this many requests at once cannot have its sockets, or null if it can.
     *
     * @param perRequest descriptors a request holds: 2 against the embedded server, 1 against the user's URLs
     * @param open       descriptors open now
     * @param max        the most this process may open
     * @param spare      descriptors kept free for the JVM's own ({@link #spare}, or {@link #spareAtSetUp} at a set-up)
     */
    static String shortage(Mode mode, int inFlight, int perRequest, long open, long max, long spare) {
        long needed = (long) inFlight * perRequest;
        if (open + needed + spare <= max) {
            return null;
        }
        long fits = max - open - spare < perRequest ? 0 : Math.max(1, (max - open - spare - ADVICE_SLACK) / perRequest);
        String cap = fits < 1
                ? "no request at all fits: raise ulimit -n"
                : "give -P " + (mode == Mode.PLATFORM ? UrlFetchPattern.WORKERS : UrlFetchPattern.MAX_IN_FLIGHT).name()
                        + "=" + fits + " or less, fewer --tasks, or raise ulimit -n";
        return String.format(
                Locale.ROOT,
                "url-fetch: %,d requests at once need %,d open files (%s), and this process may open %,d"
                        + " (ulimit -n), %,d of them open already and %,d kept for the JVM's own: %s",
                inFlight,
                needed,
                perRequest == 2 ? "a socket at each end: the server runs in this JVM" : "a socket each",
                max,
                open,
                spare,
                cap);
    }

    /**
     * Fails with {@link #shortage}'s words if this process may not open enough; says nothing off Unix.
     *
     * @param atSetUp true at a run's set-up, after the check before the runs: keeps {@link #spareAtSetUp} free
     */
    static void require(Mode mode, int requests, Form.Options options, boolean embedded, boolean atSetUp) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            long max = unix.getMaxFileDescriptorCount();
            String shortage = shortage(
                    mode,
                    inFlight(mode, requests, options),
                    embedded ? 2 : 1,
                    unix.getOpenFileDescriptorCount(),
                    max,
                    atSetUp ? spareAtSetUp(max) : spare(max));
            if (shortage != null) {
                throw new UsageException(shortage);
            }
        }
    }
}
