package dev.loompatterns.core;

/**
 * The verdict of a run's self-check, with one line saying what was measured.
 *
 * <p>A right-way variant passes or fails. A wrong-way variant ({@link Variant#wrongWay()}) is there
 * to show a flaw: it is {@link Verdict#DEMONSTRATED} only when this run observed the flaw (updates
 * lost, a context lost, a probe starved), and {@link Verdict#NOT_SHOWN} when it did not (a race
 * that did not happen this time, a mode that does not have the flaw), with the detail saying why.
 * Neither is a failure; a wrong-way run still fails when something other than its flaw went wrong.
 *
 * @param verdict what the check concluded
 * @param detail  what was measured, in a few words ({@code total 1000000 of 1000000})
 */
public record Check(Verdict verdict, String detail) {

    /** What a self-check can conclude. */
    public enum Verdict {
        /** The pattern did its job: the property holds. */
        PASSED,
        /** The property does not hold: the run exits with status 1. */
        FAILED,
        /** A wrong-way variant showed its flaw: it was observed in this run. Not a failure. */
        DEMONSTRATED,
        /**
         * A wrong-way variant did not show its flaw in this run; the detail says why (a race that
         * did not happen this time, a mode where the flaw cannot occur). Not a failure either.
         */
        NOT_SHOWN
    }

    public static Check passed(String detail) {
        return new Check(Verdict.PASSED, detail);
    }

    public static Check failed(String detail) {
        return new Check(Verdict.FAILED, detail);
    }

    /** The flaw of a wrong-way variant was observed in this run; the detail says what was seen. */
    public static Check demonstrated(String detail) {
        return new Check(Verdict.DEMONSTRATED, detail);
    }

    /** The flaw of a wrong-way variant was not observed in this run; the detail says why not. */
    public static Check notShown(String detail) {
        return new Check(Verdict.NOT_SHOWN, detail);
    }

    /** Passed if the condition holds, failed otherwise, with the same detail. */
    public static Check expect(boolean condition, String detail) {
        return new Check(condition ? Verdict.PASSED : Verdict.FAILED, detail);
    }

    /**
     * Passed if the condition holds, failed otherwise: the measured {@code detail} either way,
     * followed by what the verdict means, {@code ifPassed} or {@code ifFailed} (each begins with its
     * own separator, such as {@code ": "} or {@code "; expected "}, or is empty).
     */
    public static Check expect(boolean condition, String detail, String ifPassed, String ifFailed) {
        return expect(condition, detail + (condition ? ifPassed : ifFailed));
    }

    /**
     * A count and its noun for a check's detail, plural unless the count is 1: {@code 1 worker}, {@code 2 workers}
     * (with {@code --tasks 1} a run said "1 workers ran", a helper's hunt). For nouns whose plural adds an s.
     */
    public static String count(long n, String noun) {
        return count(n, noun, noun + "s");
    }

    /** As {@link #count(long, String)}, for a noun whose plural is its own ({@code 1 body}, {@code 2 bodies}). */
    public static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** False only for {@link Verdict#FAILED}: the run exits with status 1. */
    public boolean ok() {
        return verdict != Verdict.FAILED;
    }

    /** {@code pass}, {@code FAIL}, {@code shown} or {@code not shown}: the word the reports print. */
    public String word() {
        return switch (verdict) {
            case PASSED -> "pass";
            case FAILED -> "FAIL";
            case DEMONSTRATED -> "shown";
            case NOT_SHOWN -> "not shown";
        };
    }
}
