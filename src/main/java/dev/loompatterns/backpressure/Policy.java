package dev.loompatterns.backpressure;

/** What a submitter does when the limit is reached: the two variants of the pattern. */
public enum Policy {
    /** Refuse the submission and count it: {@code AbortPolicy}, or {@code tryAcquire} with a timeout. */
    SHED("shed"),
    /** Hold the submitter until there is room: {@code CallerRunsPolicy}, or {@code acquire}. */
    WAIT("wait");

    private final String id;

    Policy(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    static Policy of(String id) {
        for (Policy policy : values()) {
            if (policy.id.equals(id)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("no policy '" + id + "'");
    }
}
