package dev.loompatterns.core;

/**
 * The verdict of a run's self-check, with one line saying what was measured.
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
        /** A wrong-way variant showed (or this time did not show) its flaw; not a failure. */
        DEMONSTRATED
    }

    public static Check passed(String detail) {
        return new Check(Verdict.PASSED, detail);
    }

    public static Check failed(String detail) {
        return new Check(Verdict.FAILED, detail);
    }

    public static Check demonstrated(String detail) {
        return new Check(Verdict.DEMONSTRATED, detail);
    }

    /** Passed if the condition holds, failed otherwise, with the same detail. */
    public static Check expect(boolean condition, String detail) {
        return new Check(condition ? Verdict.PASSED : Verdict.FAILED, detail);
    }

    public boolean ok() {
        return verdict != Verdict.FAILED;
    }

    /** {@code pass}, {@code FAIL} or {@code shown}: the word the reports print. */
    public String word() {
        return switch (verdict) {
            case PASSED -> "pass";
            case FAILED -> "FAIL";
            case DEMONSTRATED -> "shown";
        };
    }
}
