package dev.loompatterns.analysis;

/**
 * How much a finding matters, as JDK Mission Control scores a rule's result: a score from 0 to
 * 100, OK below 25, INFO from 25, WARNING from 75; or NA, JMC's "not applicable", for a rule that
 * had nothing to look at (its events were not recorded), which has no score.
 */
public enum Severity {
    /** Not applicable: no event the rule reads was recorded, so it can say nothing either way. */
    NA(-1),
    OK(0),
    INFO(25),
    WARNING(75);

    private final int score;

    Severity(int score) {
        this.score = score;
    }

    /** The lowest JMC score of this severity; -1 for {@link #NA}, which JMC does not score. */
    public int score() {
        return score;
    }

    /** How the text and the page show it: {@code N/A} for {@link #NA}, else its name. */
    public String label() {
        return this == NA ? "N/A" : name();
    }
}
