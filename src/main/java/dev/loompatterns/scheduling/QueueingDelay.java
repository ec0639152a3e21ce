package dev.loompatterns.scheduling;

import dev.loompatterns.core.Mode;
import dev.loompatterns.jfr.JvmShutdown;
import dev.loompatterns.jfr.StreamStopper;
import dev.loompatterns.jfr.TaskStartedEvent;
import dev.loompatterns.jfr.TaskSubmittedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

/**
 * CPU-bound tasks, each marked by our own JFR events when submitted
 * ({@code loompatterns.TaskSubmitted}, on the starter thread) and when first run
 * ({@code loompatterns.TaskStarted}, on the task's thread). The difference is the time the task
 * spent queued. No JDK event shows it: {@code jdk.VirtualThreadStart} is committed by the virtual
 * thread itself when it first mounts, after the wait.
 */
final class QueueingDelay {

    /** Task ids are unique in the JVM, so runs (and recordings) never mix their pairs. */
    private static final AtomicLong NEXT_ID = new AtomicLong();

    /**
     * One task's times, from the events' timestamps.
     *
     * @param id           its {@code taskId} in the recording, which {@code loom inspect}'s queueing-delay names too
     *                     ({@code longest_task}); unique in the JVM, so a recording of several runs has each once
     * @param virtualStart its thread's {@code jdk.VirtualThreadStart}, or null for a platform thread
     */
    record Task(long id, Instant submitted, Instant started, Instant virtualStart) {
        Duration delay() {
            return Duration.between(submitted, started);
        }
    }

    private QueueingDelay() {}

    /**
     * The shortest time over which {@code count} of {@code times} fell: for the times in order, the least
     * distance from one to the one {@code count - 1} places later.
     *
     * @throws IllegalArgumentException if there are fewer than {@code count} times, or {@code count} is below 1
     */
    static Duration closestSpan(List<Instant> times, int count) {
        if (count < 1 || times.size() < count) {
            throw new IllegalArgumentException(count + " of " + times.size() + " times");
        }
        List<Instant> sorted = times.stream().sorted().toList();
        Duration closest = null;
        for (int last = count - 1; last < sorted.size(); last++) {
            Duration span = Duration.between(sorted.get(last - count + 1), sorted.get(last));
            if (closest == null || span.compareTo(closest) < 0) {
                closest = span;
            }
        }
        return closest;
    }

    /** Runs {@code tasks} tasks that spin for {@code work} each; returns those whose both events arrived. */
    static List<Task> measure(Mode mode, int tasks, Duration work) throws Exception {
        long base = NEXT_ID.getAndAdd(tasks);
        Map<Long, Instant> submitted = new ConcurrentHashMap<>();
        Map<Long, Instant> started = new ConcurrentHashMap<>();
        Map<Long, Long> threadOfTask = new ConcurrentHashMap<>();
        Map<Long, Instant> virtualStarts = new ConcurrentHashMap<>();
        try (RecordingStream stream = new RecordingStream()) {
            StreamStopper stopper = new StreamStopper(stream);
            stream.enable(TaskSubmittedEvent.class);
            stream.enable(TaskStartedEvent.class);
            stream.enable("jdk.VirtualThreadStart").withoutStackTrace();
            // keyed by id: an event delivered twice (by the stream, then by a replay) is recorded once
            Consumer<RecordedEvent> record = e -> {
                switch (e.getEventType().getName()) {
                    case TaskSubmittedEvent.NAME -> submitted.put(e.getLong("taskId"), e.getStartTime());
                    case TaskStartedEvent.NAME -> {
                        started.put(e.getLong("taskId"), e.getStartTime());
                        if (e.getThread() != null) { // a live stream can leave a thread unnamed (FileReads)
                            threadOfTask.put(e.getLong("taskId"), e.getThread().getJavaThreadId());
                        }
                    }
                    case "jdk.VirtualThreadStart" -> {
                        if (e.getThread() != null) {
                            virtualStarts.put(e.getThread().getJavaThreadId(), e.getStartTime());
                        }
                    }
                    default -> {} // a replay hands over every event of the recording: the others are not ours
                }
            };
            // by name: a handler of every event would make the stream parse every type in the shared chunks
            stream.onEvent(TaskSubmittedEvent.NAME, record);
            stream.onEvent(TaskStartedEvent.NAME, record);
            stream.onEvent("jdk.VirtualThreadStart", record);
            JvmShutdown.requireRunning("the queueing-delay stream");
            stream.startAsync();

            List<Callable<?>> calls = new ArrayList<>(tasks);
            for (int i = 0; i < tasks; i++) {
                long id = base + i;
                calls.add(() -> {
                    TaskStartedEvent.at(id);
                    return Spin.spin(work, false);
                });
            }
            SchedulingPattern.FORMS.of(mode).startAll(calls, index -> TaskSubmittedEvent.at(base + index));
            stopper.stop(events -> events.forEach(record)); // throws if cancelled: not a run of no events
        }
        List<Task> measured = new ArrayList<>();
        for (long id = base; id < base + tasks; id++) {
            if (submitted.containsKey(id) && started.containsKey(id)) {
                Long thread = threadOfTask.get(id);
                measured.add(new Task(
                        id, submitted.get(id), started.get(id), thread == null ? null : virtualStarts.get(thread)));
            }
        }
        return measured;
    }
}
