package dev.loompatterns.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * How each of a run's tasks started and ended, written by the task itself: "started" as its first
 * act and its ending as its last. A check that reads the log when a call returns sees whether any
 * task was still running at that moment: the property "nothing outlives the call" made
 * observable, without timing anything.
 *
 * <p>Memory consistency effects: a task's entries are written with volatile semantics, so a
 * reader that sees an ending also sees everything the task did before it.
 */
public final class TaskLog {

    /** Where a task is. A task never started has no entry ({@link #of} returns null). */
    public enum State {
        /** Running: started and not yet ended. */
        STARTED,
        /** Returned a value. */
        SUCCEEDED,
        /** Threw something other than {@link InterruptedException}. */
        FAILED,
        /** Was interrupted (cancelled) and ended with {@link InterruptedException}. */
        INTERRUPTED
    }

    private final AtomicReferenceArray<State> states;

    public TaskLog(int tasks) {
        this.states = new AtomicReferenceArray<>(tasks);
    }

    /**
     * Runs {@code body} as task {@code task}, logging its start and how it ended.
     *
     * @throws IllegalStateException if the task was already run: each task runs at most once
     */
    public <T> T run(int task, Callable<T> body) throws Exception {
        if (!states.compareAndSet(task, null, State.STARTED)) {
            throw new IllegalStateException("task " + task + " ran twice");
        }
        State ending = State.FAILED;
        try {
            T result = body.call();
            ending = State.SUCCEEDED;
            return result;
        } catch (InterruptedException e) {
            ending = State.INTERRUPTED;
            throw e;
        } finally {
            states.set(task, ending);
        }
    }

    /**
     * Task {@code task} as a blocking call that takes {@code latency} before it answers: logged
     * here, held at the {@link RunGate} first (so {@code loom dump} can catch it), and
     * interruptible throughout, so a cancel ends it as it would end real I/O.
     */
    public <T> Callable<T> afterLatency(int task, Duration latency, Callable<T> answer) {
        return () -> run(task, () -> {
            RunGate.arrive();
            Thread.sleep(latency); // BLOCKS-UNTIL: the latency has passed, or the task is cancelled (interrupt)
            return answer.call();
        });
    }

    /**
     * One call a task of this log, task {@code i} {@link #afterLatency} {@code latency.apply(i)},
     * answering {@code answer.apply(i)}: the simulated remote calls of a fan-out or a race.
     */
    public <T> List<Callable<T>> afterLatencies(IntFunction<Duration> latency, IntFunction<Callable<T>> answer) {
        List<Callable<T>> calls = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            calls.add(afterLatency(i, latency.apply(i), answer.apply(i)));
        }
        return calls;
    }

    public int size() {
        return states.length();
    }

    /** The task's state, or null if it never started. */
    public State of(int task) {
        return states.get(task);
    }

    /** Every task's state, in task order (null where a task never started). */
    public List<State> snapshot() {
        List<State> copy = new ArrayList<>(states.length());
        for (int i = 0; i < states.length(); i++) {
            copy.add(states.get(i));
        }
        return copy;
    }

    /** Tasks started and not yet ended. */
    public int running() {
        return count(State.STARTED);
    }

    /** Tasks in the given state (null counts tasks that never started). */
    public int count(State state) {
        int n = 0;
        for (int i = 0; i < states.length(); i++) {
            if (states.get(i) == state) {
                n++;
            }
        }
        return n;
    }
}
