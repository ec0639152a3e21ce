package dev.loompatterns.analysis;

/**
 * How much a finding matters, as JDK Mission Control scores a rule's result: a score from 0 to
 * 100, OK below 25, INFO from 25, WARNING from 75.
 */
public enum Severity {
    OK(0),
    INFO(25),
    WARNING(75);

    private final int score;

    Severity(int score) {
        this.score = score;
    }

    /** The lowest JMC score of this severity. */
    public int score() {
        return score;
    }
}
