package dev.loompatterns.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loompatterns.jfr.PinTaxonomy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rules' summaries and explanations count in words that agree with the count: "1 pin held its
 * carrier", "2 pins held carriers". Each rule is fed made-up observations, one or two of a kind.
 */
class CountsInWordsTest {

    private static final long T0 = 1_796_000_000_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final Rule.Recording RECORDING =
            new Rule.Recording(T0, T0 + 10_000 * MS, 100, 1000, "r.jfr", Map.of());

    private static Observation.ThreadRef virtual(long id) {
        return new Observation.ThreadRef(id, "v-" + id, true);
    }

    /** A pin of application code: a native frame under {@code com.example.App.run}. */
    private static Observation.Pinned codePin(long id) {
        return new Observation.Pinned(
                T0 + id * MS,
                5 * MS,
                virtual(id),
                "ForkJoinPool-1-worker-1",
                "Native or VM frame",
                "Parking",
                List.of(new PinTaxonomy.Frame("com.example.App", "run", 10, false, false)),
                false);
    }

    /** A pin of a class's first use: the thread was loading a class. */
    private static Observation.Pinned firstUsePin(long id) {
        return new Observation.Pinned(
                T0 + id * MS,
                MS,
                virtual(id),
                "ForkJoinPool-1-worker-2",
                null,
                null,
                List.of(
                        new PinTaxonomy.Frame("java.lang.ClassLoader", "loadClass", 500, false, false),
                        new PinTaxonomy.Frame("com.example.App", "init", 20, false, false)),
                false);
    }

    private static Finding run(Rule rule, List<? extends Observation> observations) {
        observations.forEach(rule::accept);
        return rule.finish(RECORDING);
    }

    @Test
    void onePinOfCodeAndOneApart() {
        Finding finding = run(new PinningRule(), List.of(codePin(1), firstUsePin(2)));
        assertThat(finding.summary())
                .startsWith("1 pin held its carrier for 5.0 ms;")
                .endsWith("(5.0 ms, 1 pin).");
        assertThat(finding.explanation()).endsWith("1 more pin was a class's first use or JFR's own, reported apart.");
    }

    @Test
    void twoPinsOfCodeAndTwoApart() {
        Finding finding = run(new PinningRule(), List.of(codePin(1), codePin(2), firstUsePin(3), firstUsePin(4)));
        assertThat(finding.summary())
                .startsWith("2 pins held carriers for 10 ms;")
                .endsWith("(10 ms, 2 pins).");
        assertThat(finding.explanation())
                .endsWith("2 more pins were a class's first use or JFR's own, reported apart.");
    }

    @Test
    void pinsAllApart() {
        assertThat(run(new PinningRule(), List.of(firstUsePin(1))).summary())
                .isEqualTo("1 pin, from a class's first use or JFR's own: nothing to fix.");
        assertThat(run(new PinningRule(), List.of(firstUsePin(1), firstUsePin(2)))
                        .summary())
                .isEqualTo("2 pins, all from classes' first use or JFR's own: nothing to fix.");
    }

    @Test
    void submitFailures() {
        Observation.SubmitFailed failed = new Observation.SubmitFailed(T0, virtual(1), "rejected");
        assertThat(run(new SubmitFailedRule(), List.of(failed)).summary())
                .isEqualTo("The scheduler refused to run a virtual thread once.");
        Finding twice = run(new SubmitFailedRule(), List.of(failed, failed));
        assertThat(twice.summary()).isEqualTo("The scheduler refused to run a virtual thread 2 times.");
        assertThat(twice.details().keySet()).as("in reading order").containsExactly("failures", "messages");
        assertThat(((Map<?, ?>) twice.list("messages").getFirst())
                        .keySet().stream().map(String::valueOf).toList())
                .containsExactly("message", "count");
    }

    private static List<Observation> lives(int threads) {
        List<Observation> lives = new java.util.ArrayList<>();
        for (int id = 1; id <= threads; id++) {
            lives.add(new Observation.VirtualStart(T0 + id * MS, virtual(id)));
            lives.add(new Observation.VirtualEnd(T0 + id * MS + 3 * MS, virtual(id)));
        }
        return lives;
    }

    @Test
    void virtualThreadsStarted() {
        assertThat(run(new VirtualThreadCensusRule(), lives(1)).summary())
                .startsWith("1 virtual thread started, 1 ended,");
        assertThat(run(new VirtualThreadCensusRule(), lives(2)).summary())
                .startsWith("2 virtual threads started, 2 ended,");
    }

    /** Each thread sampled every 50 ms for 200 ms, with no block recorded: a stretch of 200 ms. */
    private static List<Observation> hogs(int threads) {
        List<Observation> samples = new java.util.ArrayList<>();
        for (int id = 1; id <= threads; id++) {
            for (int i = 0; i <= 4; i++) {
                samples.add(new Observation.Sample(T0 + i * 50 * MS, virtual(id), "com.example.App.spin:3"));
            }
        }
        return samples;
    }

    @Test
    void virtualThreadsThatHog() {
        // one hog is not "the longest" of one
        assertThat(run(new CarrierHoggingRule(), hogs(1)).summary())
                .isEqualTo("1 virtual thread was seen holding its carrier for 100 ms or more: v-1, sampled for 200 ms"
                        + " with no recorded block that released it, at com.example.App.spin:3.");
        assertThat(run(new CarrierHoggingRule(), hogs(2)).summary())
                .startsWith("2 virtual threads were seen holding their carriers for 100 ms or more; the longest, ")
                .endsWith(
                        ", was sampled for 200 ms with no recorded block that released it, at com.example.App.spin:3.");
    }

    /** Tasks each submitted, and started 7 ms later. */
    private static List<Observation> tasks(int count) {
        List<Observation> tasks = new java.util.ArrayList<>();
        for (int id = 1; id <= count; id++) {
            tasks.add(new Observation.TaskSubmitted(T0 + id * MS, id));
            tasks.add(new Observation.TaskStarted(T0 + id * MS + 7 * MS, id, virtual(id)));
        }
        return tasks;
    }

    @Test
    void tasksThatWaited() {
        assertThat(run(new QueueingDelayRule(), tasks(1)).summary())
                .matches("1 task waited \\S+ ms before it started\\.");
        assertThat(run(new QueueingDelayRule(), tasks(2)).summary())
                .matches("2 tasks waited a median of \\S+ ms before they started, at most \\S+ ms\\.");
    }
}
