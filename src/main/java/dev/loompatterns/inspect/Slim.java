package dev.loompatterns.inspect;

import dev.loompatterns.analysis.Analysis;
import dev.loompatterns.analysis.OutputName;
import dev.loompatterns.analysis.WakeupDelayRule;
import dev.loompatterns.analysis.jfr.RecordingReader;
import dev.loompatterns.jfr.AtomicFile;
import dev.loompatterns.jfr.ShellWord;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A copy of a recording without the per-virtual-thread events that make JDK Mission Control's
 * parser slow: it is superlinear in the virtual threads a file names (see the census rule), so the
 * copy leaves out every {@code jdk.VirtualThreadStart} and {@code jdk.VirtualThreadEnd}, and the
 * {@code jdk.ThreadSleep} and {@code jdk.ThreadPark} of virtual threads, which name each virtual
 * thread that slept, or parked while pinned (one that unmounts to park has no jdk.ThreadPark), past
 * the threshold (20 ms in the JDK's default settings). Platform threads' sleeps and parks stay:
 * the pool-candidate rule reads them, and so do JMC's own rules. So do the sleeps of virtual threads
 * that have execution samples, which the copy names anyway: the carrier-hogging rule ends their
 * stretches at them, and finds on the copy what it found on the recording; and the sleeps that ended late,
 * the wakeup-delay rule's evidence (its counts of sleeps, median and p99 on the copy are of fewer sleeps).
 * {@code jfr scrub} cannot tell virtual threads from platform ones: {@code --exclude-events
 * jdk.ThreadSleep,jdk.ThreadPark} drops both.
 */
public final class Slim {

    /** What the copy leaves out, in words for the CLI. */
    public static final String LEFT_OUT_IN_WORDS = "virtual threads' starts, ends, sleeps and parks";

    /** Left out whatever thread they name. */
    static final Set<String> LEFT_OUT = Set.of("jdk.VirtualThreadStart", "jdk.VirtualThreadEnd");
    /** Left out when their event thread is virtual. */
    static final Set<String> LEFT_OUT_IF_VIRTUAL = Set.of("jdk.ThreadSleep", "jdk.ThreadPark");
    /** Kept of a virtual thread with execution samples. */
    static final String KEPT_IF_SAMPLED = "jdk.ThreadSleep";

    /**
     * From this many events of virtual threads left in the copy, the copy may still be slow in JMC: the census
     * rule's bound for virtual threads ({@code VirtualThreadCensusRule.SLOW_IN_JMC}), applied to events, of which a
     * thread has one or more.
     */
    public static final long STILL_MANY = 100_000;

    /**
     * What the copy kept of virtual threads: its events whose event thread is virtual, by type, most first. A
     * reviewer's copy of a million short threads kept 888,088 {@code jdk.Deoptimization} events, each of
     * another virtual thread, which {@code profile} records: JMC would still name nearly every thread.
     */
    public record Kept(Map<String, Long> virtualEventsByType) {

        /** Put in order, most first (then by name), whatever order the map came in. */
        public Kept {
            Map<String, Long> mostFirst = new LinkedHashMap<>();
            virtualEventsByType.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue()
                            .reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> mostFirst.put(e.getKey(), e.getValue()));
            virtualEventsByType = Collections.unmodifiableMap(mostFirst);
        }

        public long virtualEvents() {
            return virtualEventsByType.values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }

        /**
         * Where the copy kept {@link #STILL_MANY} or more events of virtual threads: one line that says so, names
         * the types that kept the most, and a {@code jfr scrub} that leaves out those with a tenth of them or more
         * (but any a rule reads: {@link #READ_BY_THE_RULES}), where the copy's name ends in {@code .jfr} (else
         * {@code jfr scrub} does not take it for its input); else empty. {@code jfr} is the tool's word in the
         * command: this JDK's, by its path, where {@code loom inspect} runs.
         */
        public Optional<String> stillManyLine(Path copy, String jfr) {
            if (virtualEvents() < STILL_MANY) {
                return Optional.empty();
            }
            List<String> most = virtualEventsByType.entrySet().stream()
                    .limit(3)
                    .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                    .toList();
            // the types that make the bulk; not those the copy keeps on purpose, which a scrub would take from
            // platform threads and sampled virtual threads too
            String types = virtualEventsByType.entrySet().stream()
                    .filter(e -> e.getValue() * 10 >= virtualEvents())
                    .map(Map.Entry::getKey)
                    .filter(type -> !READ_BY_THE_RULES.contains(type))
                    .collect(Collectors.joining(","));
            String still = String.format(
                    Locale.ROOT,
                    "The copy still has %,d events of virtual threads (%s), each naming its thread: JMC may still be"
                            + " slow to open it.",
                    virtualEvents(),
                    String.join(", ", most));
            String name = copy.toString();
            // jfr scrub reads its first file as the input only if the name ends in .jfr
            if (types.isEmpty() || !name.endsWith(".jfr")) {
                return Optional.of(still);
            }
            String smaller = OutputName.free(name.substring(0, name.length() - 4) + "-smaller", ".jfr");
            return Optional.of(still + " To leave those out too: " + jfr + " scrub --exclude-events " + types + " "
                    + ShellWord.of(name) + " " + ShellWord.of(smaller));
        }
    }

    /**
     * Never suggested for leaving out: what a rule of loom's reads (a scrub takes a type from platform threads too,
     * and the socket reads, file reads, monitor waits and task events beside the pins and samples are the rules'),
     * and the sleeps and parks the copy kept on purpose.
     */
    static final Set<String> READ_BY_THE_RULES =
            Set.copyOf(Analysis.ofAllRules().eventTypes());

    private Slim() {}

    /**
     * Writes the copy whole or not at all ({@link AtomicFile}).
     *
     * @param sampledVirtualThreads the ids of the virtual threads with execution samples in the recording, whose
     *                              sleeps stay ({@code RecordingReader.Result.sampledVirtualThreads})
     * @throws InterruptedIOException if the thread is interrupted (Ctrl-C in the CLI): copying stops at
     *     the next event and nothing is left under {@code target}
     */
    public static Kept write(Path recording, Path target, Set<Long> sampledVirtualThreads) throws IOException {
        Map<String, Long> virtual = new HashMap<>();
        AtomicFile.write(target, temporary -> {
            try (RecordingFile file = new RecordingFile(recording)) {
                file.write(temporary, event -> {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new Interrupted();
                    }
                    boolean kept = kept(event, sampledVirtualThreads);
                    if (kept) {
                        RecordedThread thread = event.getThread();
                        if (thread != null && thread.isVirtual()) {
                            virtual.merge(event.getEventType().getName(), 1L, Long::sum);
                        }
                    }
                    return kept;
                });
            } catch (Interrupted e) {
                throw new InterruptedIOException("interrupted while copying");
            }
        });
        return new Kept(virtual);
    }

    private static boolean kept(RecordedEvent event, Set<Long> sampledVirtualThreads) {
        String type = event.getEventType().getName();
        if (LEFT_OUT.contains(type)) {
            return false;
        }
        if (LEFT_OUT_IF_VIRTUAL.contains(type)) {
            RecordedThread thread = event.getThread();
            return thread == null
                    || !thread.isVirtual()
                    || type.equals(KEPT_IF_SAMPLED)
                            && (sampledVirtualThreads.contains(thread.getJavaThreadId()) || wokeLate(event));
        }
        return true;
    }

    /**
     * A sleep that ended late ({@link WakeupDelayRule#late}) after the time it asked for: the wakeup-delay rule's
     * evidence, kept so that the rule finds on the copy the late sleeps it found on the recording.
     */
    private static boolean wokeLate(RecordedEvent sleep) {
        long asked = RecordingReader.askedNanos(sleep);
        return asked >= 0 && WakeupDelayRule.late(sleep.getDuration().toNanos(), asked);
    }

    /** Out of the JDK's parser, which calls the filter and lets it throw only unchecked exceptions. */
    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super(null, null, false, false);
        }
    }
}
