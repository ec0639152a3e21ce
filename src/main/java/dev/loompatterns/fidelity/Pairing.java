package dev.loompatterns.fidelity;

import dev.loompatterns.core.Typo;
import dev.loompatterns.core.UsageException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pattern, the example that does its work standalone, the harness's workload that matches the
 * example's constants, and the pairs that resolve 5% on 2 cores (docs/results.md).
 *
 * @param constants the example's constants that set its work, by name, with the values the harness's workload
 *                  matches: an example whose constants were changed does other work, and is refused
 *                  ({@code Example#check}), where its sleeps of 5 ms were timed against the harness's 500
 */
public record Pairing(
        String patternId,
        String example,
        int tasks,
        Map<String, String> params,
        Map<String, Object> constants,
        int pairs,
        int warmup) {

    static final List<Pairing> ALL = List.of(
            // A few minutes on 2 cores: docs/cli.md gives a timed run.
            new Pairing(
                    "thread-basics",
                    "E01",
                    10_000,
                    Map.of("sleep-ms", "500"),
                    Map.of("WORKERS", 10_000, "SLEEP", Duration.ofMillis(500)),
                    11,
                    3),
            // One group of 1,000 forks: E11 has one flat scope. Runs of about 150 ms vary by up to
            // 1.8x, so it takes 101 pairs (8.5 minutes) for an interval narrower than 5 points.
            new Pairing(
                    "url-fetch",
                    "E11",
                    1_000,
                    // E11's client: 30 s request and connect timeouts (the harness's default grows with the load)
                    Map.of("latency-ms", "50", "workers", "50", "group-size", "1000", "timeout-ms", "30000"),
                    Map.of("REQUESTS", 1_000, "POOL_SIZE", 50, "LATENCY_MS", 50L, "TIMEOUT", Duration.ofSeconds(30)),
                    101,
                    30));

    /** Every pairing, in catalogue order. */
    public static List<Pairing> all() {
        return ALL;
    }

    /**
     * The pairing of a pattern.
     *
     * @throws UsageException if no example is paired with it
     */
    public static Pairing of(String patternId) {
        return ALL.stream()
                .filter(p -> p.patternId().equals(patternId))
                .findFirst()
                .orElseThrow(() -> new UsageException("fidelity has no example paired with '" + patternId + "'"
                        + Optional.ofNullable(Typo.nearest(
                                        patternId,
                                        ALL.stream().map(Pairing::patternId).toList()))
                                .map(near -> " (did you mean '" + near + "'?)")
                                .orElse("")
                        + "; it pairs "
                        + String.join(
                                ", ",
                                ALL.stream()
                                        .map(p -> p.patternId() + " (" + p.example() + ")")
                                        .toList())));
    }
}
