package dev.loompatterns.backpressure;

import java.util.concurrent.StructuredTaskScope;

/**
 * A fork per task, gated by the same {@link java.util.concurrent.Semaphore} as the virtual form
 * ({@link Admission}): the submitter takes a permit (or sheds the task) before each
 * {@code fork}, and the fork gives it back when it ends. If a task fails, the scope cancels the
 * others and {@code join()} throws; the submitter stops forking once the scope is cancelled (a
 * {@code fork} then neither throws nor runs its task, so the task would never give its permit
 * back), and nothing outlives the call. The semaphore is made per call, per scope: a permit lost
 * to a cancel between the check and the fork goes with the scope.
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505).
 */
public final class StructuredBackpressure implements Form {

    @Override
    public void submitAll(Ledger ledger, Load load, Policy policy) throws Exception {
        Admission admission = new Admission(load.limit(), policy, load.timeout());
        try (var scope = StructuredTaskScope.open()) {
            for (int i = 0; i < load.tasks() && !scope.isCancelled(); i++) {
                int task = i;
                ledger.submitted();
                admission.handOff(task, ledger, load.work(), scope::fork);
            }
            scope.join(); // BLOCKS-UNTIL: every fork ended; throws the first failure
        }
    }
}
