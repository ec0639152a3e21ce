package dev.loompatterns.core;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Tasks started on one mode's kind of thread, watched while they run and joined together: a
 * platform thread each, a virtual thread each, or a fork each of a {@link StructuredTaskScope}.
 * Patterns whose point is a shared primitive (a buffer, an event) use it so that the primitive is
 * driven the same way in every mode and only the threads differ.
 *
 * <p>Every mode behaves like the scope's default joiner: the first task to fail cancels the
 * others (interrupts them), {@link #join()} throws that failure, and {@link #close()} never
 * returns while a task still runs. The owner (the thread that opened the crew) starts tasks,
 * waits and joins; tasks never do.
 *
 * <p>API status: {@code StructuredTaskScope} is a preview API in JDK 25 (JEP 505).
 */
public final class Crew implements AutoCloseable {

    /** Backstop for {@link #awaitUntil}: a run that waits this long is broken, not slow. */
    public static final Duration BACKSTOP = Duration.ofSeconds(60);

    /** A task's body. */
    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }

    /** One started task: which thread runs it, and whether that thread is blocked. */
    public static final class Member {
        private volatile Thread thread;
        private volatile boolean finished;

        /** NEW until the task begins, TERMINATED once it returned, else its thread's state. */
        public Thread.State state() {
            if (finished) {
                return Thread.State.TERMINATED;
            }
            Thread running = thread;
            return running == null ? Thread.State.NEW : running.getState();
        }

        /** True while the task's thread is parked or waiting (with or without a timeout). */
        public boolean isWaiting() {
            Thread.State state = state();
            return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
        }

        public boolean isFinished() {
            return finished;
        }
    }

    private final Thread.Builder builder; // null for a scope
    private final StructuredTaskScope<Object, Void> scope; // null for threads
    // O(1) to add: a CopyOnWriteArrayList copied all of it at each start, and the copies of a run of 200,000
    // (terabytes of them at 5,000,000) kept the GC busy for minutes. Added by the owner while a failing task
    // walks it: both sides are volatile, so of a start and a failure one sees the other (see start).
    private final Queue<Thread> threads = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private boolean joined;
    private int started; // by the owner, the one thread that starts tasks

    private Crew(Thread.Builder builder, StructuredTaskScope<Object, Void> scope) {
        this.builder = builder;
        this.scope = scope;
    }

    /** A platform thread per task, named {@code prefix0}, {@code prefix1}, ... */
    public static Crew platform(String prefix) {
        return new Crew(Thread.ofPlatform().name(prefix, 0), null);
    }

    /** A virtual thread per task, named {@code prefix0}, {@code prefix1}, ... */
    public static Crew virtual(String prefix) {
        return new Crew(Thread.ofVirtual().name(prefix, 0), null);
    }

    /** A fork per task in a new scope owned by the calling thread. */
    public static Crew structured(String name) {
        return new Crew(
                null,
                StructuredTaskScope.open(
                        StructuredTaskScope.Joiner.awaitAllSuccessfulOrThrow(), config -> config.withName(name)));
    }

    /**
     * Starts a task; the returned member shows what its thread is doing.
     *
     * @throws InterruptedException if the owner is interrupted (Ctrl-C), so that a loop that starts a run's tasks
     *     starts no more: one that went on to its end, 5,000,000 starts, outlived loom's grace; {@link #close()}
     *     then ends those started. The owner's flag stays set.
     */
    public Member start(Task task) throws InterruptedException {
        Threads.stopStartingIfInterrupted(started);
        started++;
        Member member = new Member();
        Runnable body = () -> {
            member.thread = Thread.currentThread();
            try {
                task.run();
            } catch (Throwable t) {
                fail(t);
                if (scope != null) {
                    throw t instanceof RuntimeException r ? r : new IllegalStateException(t);
                }
            } finally {
                member.finished = true;
            }
        };
        if (scope != null) {
            scope.fork(body);
        } else {
            Thread thread = builder.start(body);
            threads.add(thread);
            // A task that failed before this one was listed did not interrupt it: a scope would not
            // run it at all. Listed first, then the failure read (fail() sets it, then reads the queue):
            // one of the two sees the other, so no task started after a failure runs on uncancelled.
            if (failure.get() != null) {
                thread.interrupt();
            }
        }
        return member;
    }

    private void fail(Throwable t) {
        if (failure.compareAndSet(null, t) && scope == null) {
            threads.forEach(Thread::interrupt); // the first failure cancels the rest, as a scope does
        }
    }

    /** The first failure of any task so far, or null. */
    public Throwable failure() {
        return failure.get();
    }

    /**
     * Waits, polling, until the condition holds. It is how a run waits for observable state (a
     * thread parked, a count reached) instead of sleeping "long enough".
     *
     * @param what what is awaited, for the message if it never comes
     * @throws ExecutionException   if a task failed meanwhile (the condition may never hold then)
     * @throws IllegalStateException if {@link #BACKSTOP} passed: the run is broken, and says so rather than hang
     */
    public void awaitUntil(String what, BooleanSupplier condition) throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + BACKSTOP.toNanos();
        while (!condition.getAsBoolean()) {
            Throwable failed = failure.get();
            if (failed != null) {
                throw new ExecutionException("a task failed while waiting until " + what, failed);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("gave up after " + BACKSTOP.toSeconds() + " s waiting until " + what);
            }
            Thread.sleep(1);
        }
    }

    /**
     * Waits for every task to end.
     *
     * @throws ExecutionException with the first task's failure, if any failed
     */
    public void join() throws InterruptedException, ExecutionException {
        if (scope != null) {
            try {
                scope.join();
            } catch (StructuredTaskScope.FailedException e) {
                joined = true;
                Throwable first = failure.get(); // as thrown, before the fork wrapped a checked one
                throw new ExecutionException(first != null ? first : e.getCause());
            }
        } else {
            Threads.joinAll(threads);
        }
        joined = true;
        Throwable failed = failure.get();
        if (failed != null) {
            throw new ExecutionException(failed);
        }
    }

    /** If {@link #join()} did not run to the end, cancels every task and waits for them all. */
    @Override
    public void close() {
        if (scope != null) {
            try {
                scope.close(); // cancels the forks still running, waits for them
            } catch (IllegalStateException notJoined) {
                if (joined) {
                    throw notJoined;
                } // otherwise the owner is leaving on a failure of its own, which it is throwing
            }
        } else if (!joined) {
            threads.forEach(Thread::interrupt);
            Threads.joinUninterruptibly(threads);
        }
    }
}
