package dev.loompatterns.urlfetch;

import dev.loompatterns.core.UsageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Which requests the {@link LatencyServer} answers wrongly, and how: a function of the seed and
 * the item's index alone, so the run knows before it starts exactly which URLs will fail, and its
 * check can compare what each mode reports with what the server did.
 *
 * @param percent each item's chance of a fault, in percent, 0 to 100: drawn for each item on its own, so 200 items
 *                at 10 get about 20 faults (14, seed 42), not exactly 20
 * @param seed    picks which items and which kinds; the same seed gives the same plan
 * @param kinds   the faults to choose from, in a fixed order; empty only when percent is 0
 */
public record FaultPlan(int percent, long seed, List<Kind> kinds) {

    /** What the server does instead of answering, and what the client then sees. */
    public enum Kind {
        /** Closes the connection without an answer: the client gets an I/O error. */
        FAIL("fail", Outcome.IO_ERROR),
        /** Answers {@code 500 Internal Server Error}. */
        STATUS_500("500", "HTTP 500"),
        /** Never answers, until the server closes: the client's timeout ends the request. */
        STALL("stall", Outcome.TIMEOUT),
        /**
         * Sends the headers and half the body, then closes: the connection ends mid-answer and
         * the client gets an I/O error. A true TCP reset (RST, by {@code SO_LINGER 0} then close)
         * is out of reach: {@code com.sun.net.httpserver} gives a handler no socket, and it
         * reads each request whole, so its close is always an orderly FIN.
         */
        RESET("reset", Outcome.IO_ERROR);

        private final String id;
        private final String outcome;

        Kind(String id, String outcome) {
            this.id = id;
            this.outcome = outcome;
        }

        public String id() {
            return id;
        }

        /** What {@link Outcome#kind()} says for a request that met this fault. */
        public String expectedOutcome() {
            return outcome;
        }
    }

    /** No faults: every request is answered. */
    public static final FaultPlan NONE = new FaultPlan(0, 0, List.of());

    /** Every kind, as {@code -P faults} lists them by default. */
    public static final String ALL_KINDS = "500,reset,stall,fail";

    public FaultPlan {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be from 0 to 100, got " + percent);
        }
        kinds = List.copyOf(kinds);
        if (percent > 0 && kinds.isEmpty()) {
            throw new IllegalArgumentException("a plan with faults needs at least one kind");
        }
    }

    /**
     * The fault for item {@code index}, or {@code null} if it is answered normally. A fresh
     * generator per item, seeded from (seed, index), so the answer does not depend on the order
     * in which requests arrive, nor on which other items were asked for.
     */
    public Kind faultFor(int index) {
        if (percent == 0) {
            return null;
        }
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        if (random.nextInt(100) >= percent) {
            return null;
        }
        return kinds.get(random.nextInt(kinds.size()));
    }

    /** How many of the first {@code count} items get each fault, for a report. */
    public String summary(int count) {
        List<String> parts = new ArrayList<>();
        for (Kind kind : kinds) {
            long n = java.util.stream.IntStream.range(0, count)
                    .filter(i -> faultFor(i) == kind)
                    .count();
            parts.add(n + " " + kind.id());
        }
        return percent + "% chance of a fault per item, seed " + seed + ": " + String.join(", ", parts);
    }

    /**
     * A plan of {@code percent} faults, picked by {@code seed}, of the kinds the user's {@code -P faults}
     * names (comma-separated ids, any case).
     *
     * @throws UsageException with one line naming the wrong kind and what is allowed
     */
    public static FaultPlan of(int percent, long seed, String kinds) {
        Set<Kind> chosen = EnumSet.noneOf(Kind.class);
        for (String id : UrlFetchPattern.FAULTS.items(kinds)) {
            chosen.add(Arrays.stream(Kind.values())
                    .filter(k -> k.id.equalsIgnoreCase(id))
                    .findFirst()
                    .orElseThrow(
                            () -> new UsageException("faults: unknown kind '" + id + "'; the kinds are " + ALL_KINDS)));
        }
        if (chosen.isEmpty()) {
            throw new UsageException("faults must name at least one of " + ALL_KINDS + ", got '" + kinds + "'");
        }
        return new FaultPlan(percent, seed, List.copyOf(chosen));
    }

    @Override
    public String toString() {
        return kinds.stream()
                .map(Kind::id)
                .collect(Collectors.joining(",", "", " at " + percent + "% per item (seed " + seed + ")"));
    }
}
