package dev.loompatterns.backpressure;

/**
 * The figures of one run, as the check reads them: what {@link Ledger#observe()} says once every
 * task has been joined.
 *
 * @param limit       the most tasks allowed in flight at once
 * @param decisions   for each task, how many times it was counted done or shed: one, always
 * @param submitted   submissions the caller made
 * @param done        tasks that did their work
 * @param shed        submissions refused, each seen by the caller
 * @param peak        the most tasks in flight at once (measured)
 * @param ranByCaller tasks the submitting thread ran itself ({@code CallerRunsPolicy})
 * @param callerWaits times the caller waited for room before submitting
 * @param refusal     what the caller saw when refused (an exception, a {@code false}), or null
 */
public record Outcome(
        int limit,
        int[] decisions,
        int submitted,
        int done,
        int shed,
        int peak,
        int ranByCaller,
        int callerWaits,
        String refusal) {

    public Outcome {
        decisions = decisions.clone();
    }

    @Override
    public int[] decisions() {
        return decisions.clone();
    }

    public int tasks() {
        return decisions.length;
    }
}
