package dev.loompatterns.core;

import dev.loompatterns.jfr.Pin;
import dev.loompatterns.jfr.Recorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.Configuration;

/**
 * What the child JVMs of one run reported: their virtual threads, peaks of platform threads and pins, and the
 * recordings they wrote. {@link Runner} binds one to each run ({@link #CURRENT}), {@link ChildJvm} adds each
 * child's report to it, and the run's {@link RunReport} counts them with the run's own, so a
 * variant that does its work in a child JVM ({@code synchronized-jdk21}, {@code cpu-hog},
 * {@code yield}) shows that work in its row.
 */
public final class ChildActivity {

    /** The run under way on this thread, if {@link Runner} started one. */
    static final ScopedValue<ChildActivity> CURRENT = ScopedValue.newInstance();

    /**
     * Where children record, when the run records: beside the parent's file, named
     * {@code <parent>-child-<n>.jfr}, with the parent's settings.
     *
     * @param beside  the parent's recording file
     * @param profile the parent's settings
     * @param finals  the files handed to children so far ({@link #nextFile}), the only ones
     *                {@link #deleteFiles} deletes, each with the name it takes once the run is kept
     *                ({@link #keep})
     */
    public record Recording(
            Path beside, Configuration profile, AtomicInteger children, java.util.Map<Path, Path> finals) {

        public Recording(Path beside, Configuration profile) {
            this(beside, profile, new AtomicInteger(), new ConcurrentHashMap<>());
        }

        /**
         * The file the next child records to: a hidden one beside its name ({@code .out-child-1.jfr.pending}),
         * moved to that name by {@link #keep} once the parent's recording is in place, so that a run stopped
         * before that leaves an earlier run's file of that name as it was (an interrupted re-run onto
         * {@code p.jfr} deleted {@code p-child-1.jfr} and kept {@code p.jfr}). The name is the next number whose
         * file is free or one loom may write over (a recording, an empty file); a file of the user's that
         * happens to bear the name is stepped over, not written over.
         */
        Path nextFile() {
            Path file;
            do {
                file = file(children.incrementAndGet());
            } while (!ours(file) && Files.exists(file, LinkOption.NOFOLLOW_LINKS));
            Path pending = file.resolveSibling("." + file.getFileName() + ".pending");
            finals.put(pending, file);
            return pending;
        }

        /** The name a handed-out file takes when kept; any other path as it is. */
        Path finalName(Path handedOut) {
            return finals.getOrDefault(handedOut, handedOut);
        }

        /**
         * Moves each child's recording to its name, replacing an earlier run's: call it once the parent's
         * recording is in place.
         *
         * @throws java.io.UncheckedIOException if one cannot be moved
         */
        public void keep() {
            for (Path pending : finals.keySet()) {
                if (Files.exists(pending, LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        Files.move(
                                pending,
                                finals.get(pending),
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(
                                "could not move a child JVM's recording to " + finals.get(pending), e);
                    }
                }
            }
        }

        /**
         * A regular file that loom may write over or delete: a recording (its magic {@code FLR\0}) or an
         * empty file; not a report, which a child's recording never is.
         */
        private static boolean ours(Path file) {
            try {
                return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        && (Files.size(file) == 0 || Recorder.startsLikeARecording(file));
            } catch (IOException e) {
                return false; // what cannot be read is not known to be ours
            }
        }

        private Path file(int child) {
            return beside.resolveSibling(stem() + "-child-" + child + ".jfr");
        }

        /**
         * The parent's name without its {@code .jfr}, in any case ({@code a.JFR} gave {@code a.JFR-child-1.jfr}); a
         * name that is {@code .jfr} alone is kept whole, where its children were {@code -child-1.jfr}, a name that a
         * pasted {@code loom inspect -child-1.jfr} takes for an option (a hunt).
         */
        private String stem() {
            String name = beside.getFileName().toString();
            boolean jfr = name.length() > 4 && name.regionMatches(true, name.length() - 4, ".jfr", 0, 4);
            return jfr ? name.substring(0, name.length() - 4) : name;
        }

        /**
         * Deletes the files beside the parent's named exactly as its children's ({@code <parent>-child-<n>.jfr})
         * but not in {@code written}, the children's files of the run that wrote the parent's file: an earlier
         * run's, which beside the new parent would read as its own (a run with {@code --repeat 3} leaves
         * {@code -child-2} and {@code -child-3}, a later one without writes {@code -child-1} only). Call it once
         * the parent's file is in place. Best effort: a file that cannot be deleted stays, as it did before.
         */
        public void deleteEarlierFiles(Collection<Path> written) {
            Path folder = beside.toAbsolutePath().getParent();
            java.util.regex.Pattern ours =
                    java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(stem()) + "-child-[1-9][0-9]*\\.jfr");
            Set<Path> kept = written.stream()
                    .map(file -> file.toAbsolutePath().normalize())
                    .collect(Collectors.toSet());
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(
                                f -> ours.matcher(f.getFileName().toString()).matches())
                        .toList()) {
                    if (!kept.contains(file.toAbsolutePath().normalize()) && ours(file)) {
                        Files.deleteIfExists(file);
                    }
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // best effort, as deleteFiles
            }
        }

        /**
         * Deletes the files of the children started so far, all still hidden: the parent's recording is
         * discarded (Ctrl-C, a failure), so theirs go with it, and an earlier run's under their names
         * stay. Call it once the children have ended, as
         * {@link ChildJvm#run} has when it returns or throws: a child stopped by SIGTERM may still
         * write its file while it shuts down.
         */
        public void deleteFiles() {
            for (Path file : finals.keySet()) { // not every number up to the count: a user's file stepped over stays
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // best effort: the file stays, as it did before
                }
            }
        }
    }

    private final Recording recording;
    private final LongAdder virtualThreads = new LongAdder();
    private final AtomicInteger peakPlatformThreads = new AtomicInteger();
    private final Queue<Pin> pins = new ConcurrentLinkedQueue<>();
    private final Queue<Path> recordings = new ConcurrentLinkedQueue<>();

    ChildActivity(Recording recording) {
        this.recording = recording;
    }

    /** Where the current run's children record, or null if they do not. */
    static Recording recordingOfCurrentRun() {
        return CURRENT.isBound() ? CURRENT.get().recording : null;
    }

    /** Adds a child's report to the current run's, if a run is under way. */
    static void report(long virtualThreadsStarted, int peakPlatformThreads, List<Pin> childPins, Path childRecording) {
        if (CURRENT.isBound()) {
            ChildActivity activity = CURRENT.get();
            activity.virtualThreads.add(virtualThreadsStarted);
            activity.peakPlatformThreads.addAndGet(peakPlatformThreads);
            activity.pins.addAll(childPins);
            if (childRecording != null) { // by the name it takes when the run is kept
                activity.recordings.add(
                        activity.recording == null ? childRecording : activity.recording.finalName(childRecording));
            }
        }
    }

    long virtualThreads() {
        return virtualThreads.sum();
    }

    /**
     * The children's peaks of platform threads beyond those alive when their main began, summed: the children of
     * a run that has several (daemon-threads) run at the same time ({@link ChildJvm#runAll}).
     */
    int peakPlatformThreads() {
        return peakPlatformThreads.get();
    }

    List<Pin> pins() {
        return List.copyOf(pins);
    }

    List<Path> recordings() {
        return List.copyOf(recordings);
    }
}
