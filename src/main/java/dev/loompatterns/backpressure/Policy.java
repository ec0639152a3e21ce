package dev.loompatterns.backpressure;

/** What a submitter does when the limit is reached: the two variants of the pattern. */
public enum Policy {
    /** Refuse the submission and count it: {@code AbortPolicy}, or {@code tryAcquire} with a timeout. */
    SHED,
    /** Hold the submitter until there is room: {@code CallerRunsPolicy}, or {@code acquire}. */
    WAIT
}
