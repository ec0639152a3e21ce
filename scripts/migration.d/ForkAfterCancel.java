import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Migration.md's row 13: once a scope is cancelled, {@code fork} does not throw; it returns a subtask that never
 * runs, so a permit taken before that fork is never given back by the task. Run on a JDK 25's {@code java} (the
 * structured-concurrency API is a preview there, JEP 505):
 *
 * <pre>java --enable-preview --source 25 scripts/migration.d/ForkAfterCancel.java</pre>
 *
 * A scope that cancels at its first success forks a task that succeeds, waits until the scope says it is
 * cancelled, forks a second task, and joins. Exits 1 if that fork threw, or its task ran.
 */
public class ForkAfterCancel {

    public static void main(String[] args) throws Exception {
        AtomicBoolean secondRan = new AtomicBoolean();
        String forkAfter;
        Subtask.State state;
        try (var scope = StructuredTaskScope.open(Joiner.<String>anySuccessfulResultOrThrow())) {
            scope.fork(() -> "first");
            while (!scope.isCancelled()) { // the joiner cancels the scope when the first task succeeds
                Thread.sleep(1);
            }
            try {
                Subtask<String> second = scope.fork(() -> {
                    secondRan.set(true);
                    return "second";
                });
                forkAfter = "returned a subtask";
                scope.join();
                state = second.state();
            } catch (RuntimeException e) {
                forkAfter = "threw " + e;
                state = null;
                scope.join();
            }
        }
        System.out.println("Java " + Runtime.version() + ": fork after the scope was cancelled " + forkAfter
                + (state == null ? "" : " in state " + state) + "; its task ran: " + secondRan.get());
        if (state == null || secondRan.get()) {
            System.out.println("row 13's fact does not hold here");
            System.exit(1);
        }
        System.out.println("row 13's fact holds: no exception, and the task never ran");
    }
}
