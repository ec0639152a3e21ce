package dev.loompatterns.race;

import dev.loompatterns.core.AbstractPattern;
import dev.loompatterns.core.ByMode;
import dev.loompatterns.core.Check;
import dev.loompatterns.core.Mode;
import dev.loompatterns.core.Param;
import dev.loompatterns.core.PatternInfo;
import dev.loompatterns.core.TaskLog;
import dev.loompatterns.core.TaskLog.State;
import dev.loompatterns.core.Variant;
import dev.loompatterns.core.Workload;
import java.util.List;
import java.util.concurrent.Callable;

/** Catalogue entry for {@code race}; see the package documentation. */
public final class RacePattern extends AbstractPattern {

    static final Param MIRRORS = Param.ofInt("mirrors", "mirrors per race (each a thread)", 4, 2, 64);
    static final Param LATENCY_MS = Param.ofInt("latency-ms", "the winning mirror's latency", 10, 0, 10_000);
    /**
     * At least a second: the check wants mirror 1 to win, and a slower mirror 1 ms behind it won on a loaded machine (7
     * runs of 7 in a review, each mode). A gap costs no time: a loser is interrupted once the winner answers.
     */
    static final Param GAP_MS = Param.ofInt(
            "gap-ms",
            "how much later each slower mirror would answer (so a loser left running shows)",
            5_000,
            1_000,
            600_000);

    /** Tasks are races, run one after another. */
    static final PatternInfo INFO = PatternInfo.fromCatalogue("race")
            .params(MIRRORS, LATENCY_MS, GAP_MS)
            .maxTasks(100_000)
            .build(); // races run one at a time, so tasks are not threads

    /** Every mirror fails; the other variant, first-success, is the default. */
    static final Variant ALL_FAIL = INFO.variant("all-fail");

    /**
     * Platform: {@code invokeAny} on a fixed pool of one platform thread per mirror, closed after each race
     * so the cancelled losers have ended; virtual: the same {@code invokeAny} with a virtual thread per
     * mirror; structured: a fork per mirror under {@code Joiner.anySuccessfulResultOrThrow()}, which returns
     * the first answer and cancels the rest, the scope waiting for them.
     */
    static final ByMode<Form> FORMS = new ByMode<>(PlatformRace::new, VirtualRace::new, StructuredRace::new);

    /**
     * Runs {@code tasks} races one after another in the mode's form and checks each as it returns: for
     * {@code first-success}, the fastest mirror that succeeded won and every loser was interrupted or never started;
     * for {@code all-fail}, the race threw only after every mirror failed; in both, no mirror was still
     * running.
     */
    @Override
    public Check run(Mode mode, Variant variant, Workload workload) throws Exception {
        Form form = FORMS.of(mode);
        int mirrors = workload.intValue(MIRRORS);
        boolean allFail = variant.id().equals(ALL_FAIL.id());
        Tally tally = new Tally();
        for (int race = 0; race < workload.tasks(); race++) {
            TaskLog log = new TaskLog(mirrors);
            List<Callable<String>> calls =
                    Mirrors.of(workload.millis(LATENCY_MS), workload.millis(GAP_MS), allFail, log);
            String winner = null;
            Exception failure = null;
            try {
                winner = form.race(calls);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                failure = e;
            }
            List<State> ended = log.snapshot(); // at once: the property is about the moment the race returned
            Check one = allFail ? checkAllFailed(failure, ended) : checkFirstSuccess(winner, failure, ended);
            if (!one.ok()) {
                return Check.failed("race " + race + ": " + one.detail());
            }
            tally.add(ended);
        }
        return allFail
                ? Check.passed(workload.tasks() + " races threw once every mirror had failed; none running at return")
                : tally.firstSuccessPassed(workload.tasks());
    }

    /** Exactly one winner, the fastest that succeeded; every loser interrupted or never started; none running. */
    static Check checkFirstSuccess(String winner, Exception failure, List<State> mirrors) {
        if (failure != null) {
            return Check.failed("threw " + failure + " although " + Mirrors.name(1) + " answers");
        }
        if (!Mirrors.name(1).equals(winner)) {
            return Check.failed("winner " + winner + ", expected " + Mirrors.name(1) + ", the fastest that succeeded");
        }
        Check running = noneRunning(mirrors);
        if (running != null) {
            return running;
        }
        if (mirrors.get(0) == State.SUCCEEDED || mirrors.get(1) != State.SUCCEEDED) {
            return Check.failed("mirror states " + mirrors + ": expected mirror-0 failed and mirror-1 succeeded");
        }
        for (int i = 2; i < mirrors.size(); i++) {
            if (mirrors.get(i) != State.INTERRUPTED && mirrors.get(i) != null) {
                return Check.failed(
                        Mirrors.name(i) + " ended " + mirrors.get(i) + ", expected interrupted (or never started)");
            }
        }
        return Check.passed("mirror-1 won");
    }

    /** The race threw, and only after every mirror had failed. */
    static Check checkAllFailed(Exception failure, List<State> mirrors) {
        if (failure == null) {
            return Check.failed("returned although every mirror fails");
        }
        Check running = noneRunning(mirrors);
        if (running != null) {
            return running;
        }
        if (mirrors.stream().anyMatch(state -> state != State.FAILED)) {
            return Check.failed("threw " + failure.getClass().getSimpleName() + " with mirror states " + mirrors
                    + ", expected all failed");
        }
        return Check.passed("threw " + failure.getClass().getSimpleName() + " after all failed");
    }

    private static Check noneRunning(List<State> mirrors) {
        long running = mirrors.stream().filter(state -> state == State.STARTED).count();
        return running == 0
                ? null
                : Check.failed(running + " mirror(s) still running when the race returned: " + mirrors);
    }

    /** How mirror-0 and the losers ended, over the races that passed their check. */
    static final class Tally {
        private int interrupted;
        private int neverStarted;
        private int firstFailed;
        private int firstInterrupted;
        private int firstNeverStarted;

        void add(List<State> mirrors) {
            // mirror-0 fails at once, but may be cancelled first when mirror-1 answers before its thread ran
            if (mirrors.get(0) == State.FAILED) {
                firstFailed++;
            } else if (mirrors.get(0) == State.INTERRUPTED) {
                firstInterrupted++;
            } else if (mirrors.get(0) == null) {
                firstNeverStarted++;
            }
            for (int i = 2; i < mirrors.size(); i++) {
                if (mirrors.get(i) == State.INTERRUPTED) {
                    interrupted++;
                } else if (mirrors.get(i) == null) {
                    neverStarted++;
                }
            }
        }

        /** The pass of {@code races} first-success races, each added: how mirror-0 and the losers ended. */
        Check firstSuccessPassed(int races) {
            String first = firstFailed == races
                    ? " failed at once"
                    : " failed in " + firstFailed + ", interrupted in " + firstInterrupted + ", never started in "
                            + firstNeverStarted;
            return Check.passed(
                    Check.count(races, "race") + " won by " + Mirrors.name(1) + " (the fastest that succeeded; "
                            + Mirrors.name(0) + first + "); losers: " + interrupted + " interrupted, " + neverStarted
                            + " never started; none running at return");
        }
    }
}
