package dev.loompatterns.analysis;

import dev.loompatterns.jfr.EventEnabled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code pool-candidate}: pools of platform threads that spent most of their time blocked in I/O,
 * sleep, park or a monitor's wait: what to move to virtual threads first. A pool is the threads whose names differ
 * only in their numbers ({@code pool-3-thread-1}, {@code pool-3-thread-2}: {@code pool-3-thread-#}).
 * Its blocked share is the blocked time recorded ({@code jdk.SocketRead/Write},
 * {@code jdk.FileRead/Write}, {@code jdk.ThreadPark}, {@code jdk.ThreadSleep},
 * {@code jdk.JavaMonitorWait}) over the time its threads were alive: each from its
 * {@code jdk.ThreadStart} to its {@code jdk.ThreadEnd}, or from the recording's start and to its
 * end where the recording has none. A pool that lived for part of a recording (a run's own pool,
 * shut down at its end) is judged by its life, not by the recording's length. JFR records the waits
 * only above a threshold (JDK 25's default.jfc: 20 ms for parks, sleeps and monitors, 1 ms for socket
 * and file I/O) and, since JDK 25 (JDK-8351594), keeps at most 100 socket or file events of each type a
 * second by default ({@code throttle}), so the share is a lower bound: a pool of 50 threads blocked 96% of
 * the time in socket reads read as 8% with the default settings in a review, and as a candidate with the
 * throttle off. A pool's thread parked waiting for its next task (idle) does not count. A pool is two threads or
 * more, or a {@code ForkJoinPool}'s one worker ({@link #isPool}): the common pool has one on a 2-core machine.
 *
 * <p>Nor does a wait to take a lock another thread holds ({@link Observation.Blocked#waitingForLock}, the JVM's lock
 * of a class another thread initializes among them): a virtual
 * thread waits for the lock as long, since the lock, not the number of threads, lets one holder through at a time. A
 * pool that waits most of its time only with its waits for a lock counted is listed apart ({@code waiting_for_locks}),
 * no candidate; its finding says why, and that before JDK 24 (JEP 491) a virtual thread blocked entering a
 * {@code synchronized} block also holds its carrier.
 *
 * <p>Nor does a park or a monitor's wait recorded with no stack ({@link Observation.Blocked.Wait#UNKNOWN}), which may
 * have been idle: an idle pool recorded with {@code jdk.ThreadPark#stackTrace=false} read as blocked 99% of the time.
 * Nor one whose stack the recording cut before any frame but the JDK's ({@link Observation.Blocked.Wait#CUT_SHORT}):
 * the same pool recorded with {@code -XX:FlightRecorderOptions:stackdepth=4} did too. A pool that waited most of its
 * time only with those counted gets an OK that says it cannot be told.
 */
final class PoolCandidateRule extends BaseRule {

    static final String ID = "pool-candidate";

    PoolCandidateRule() {
        super(
                ID,
                "Thread pools to migrate to virtual threads",
                Stream.concat(BLOCKING.stream(), Stream.of("jdk.ThreadStart", "jdk.ThreadEnd"))
                        .toArray(String[]::new));
    }

    /** {@link #BLOCKING}, as the findings name them. */
    private static final String BLOCKING_EVENTS = "jdk.SocketRead/Write, jdk.FileRead/Write, jdk.ThreadPark,"
            + " jdk.ThreadSleep and jdk.JavaMonitorEnter/Wait";

    private static final String WHY_RECORD = "(the JDK's default settings do: parks, sleeps and monitors above 20 ms,"
            + " socket and file I/O above 1 ms) to find pools whose threads mostly wait.";

    /** The I/O event types that JDK 25's default settings throttle (JDK-8351594). */
    private static final List<String> THROTTLED_IO =
            List.of("jdk.SocketRead", "jdk.SocketWrite", "jdk.FileRead", "jdk.FileWrite");

    /**
     * Why the blocked share is a lower bound, and how to record what it misses: the throttle off for those I/O event
     * types whose settings did not already have it off (a recording made as advised is not told again).
     */
    private static String lowerBound(Recording recording) {
        String bound = "The blocked share counts only the waits JFR recorded, so it is a lower bound: a wait shorter"
                + " than its event's threshold is not recorded" + coarseThresholds(recording);
        // those left off are named as not seen (unseen): nothing to say of their throttle
        List<String> recorded = THROTTLED_IO.stream()
                .filter(type -> !recording.off(List.of(type)) && !recording.absent(List.of(type)))
                .toList();
        if (recorded.isEmpty()) {
            return bound + ".";
        }
        List<String> throttled = recording.throttled(recorded);
        if (throttled.isEmpty()) {
            return bound + "; this recording's settings throttle none of the socket and file events it had on, so it"
                    + " holds every such wait above its threshold.";
        }
        // throttled only because nothing is known of their settings (jdk.ActiveSetting off)
        boolean notSaid = throttled.stream()
                .allMatch(type ->
                        recording.throttles().getOrDefault(type, Set.of()).isEmpty());
        if (notSaid && recording.absent(List.of("jdk.VirtualThreadPinned"))) {
            // a JVM before JDK 21, which has no virtual-thread events, has no throttle either (JDK 25's): a JDK 17
            // recording was told to record with jdk.SocketRead#throttle=off, which its JVM refuses (a helper's hunt)
            return bound + "; the JVM that made it is older than JDK 21 (it has no virtual-thread events), and"
                    + " throttles no socket or file event, so it holds every such wait above its threshold.";
        }
        String defaults = "since JDK 25 the default settings keep at most 100 socket and 100 file reads and writes a"
                + " second (throttle), so a pool blocked in many short reads ";
        return bound
                + (notSaid
                        ? ", and the recording does not say whether its socket and file events were throttled: "
                                + defaults + "may show only some of them"
                        : ", and " + defaults + "shows only some of them")
                + "; record with "
                + throttled.getFirst() + "#throttle=off"
                + (throttled.size() > 1
                        ? " (and " + String.join(", ", throttled.subList(1, throttled.size())) + ")"
                        : "")
                + " to count them all.";
    }

    /** A threshold above this leaves out waits a pool's tasks are made of: a query, a call, a short sleep. */
    static final Duration FINE_THRESHOLD = Duration.ofMillis(1);

    /**
     * The thresholds of this recording above {@link #FINE_THRESHOLD} for the waits the share counts, and how to count
     * the shorter waits; empty where none is known to be. A helper's server sent 753 tasks that each slept 10 ms to
     * the common pool: recorded with {@code jdk.ThreadSleep#threshold=20 ms} (virtual-threads.jfc, as JDK 25's
     * default.jfc), the pool read blocked 1% of its time; with 10 ms (profile.jfc), 67%, a candidate.
     */
    private static String coarseThresholds(Recording recording) {
        List<String> said = new ArrayList<>();
        List<String> coarse = new ArrayList<>();
        for (Observation.Blocked.Kind kind : Observation.Blocked.Kind.values()) {
            String type = kind.eventType();
            if (kind == Observation.Blocked.Kind.MONITOR_ENTER // a lock's wait: not in the share
                    || recording.threshold(type).isEmpty()
                    || !recording.on(List.of(type))) {
                continue;
            }
            Duration most =
                    recording.threshold(type).stream().max(Duration::compareTo).orElseThrow();
            if (most.compareTo(FINE_THRESHOLD) > 0) {
                said.add(kind.words() + "s under " + Durations.setting(most));
                coarse.add(type);
            }
        }
        if (coarse.isEmpty()) {
            return "";
        }
        return " (here " + Durations.list(said)
                + "), so a pool whose tasks wait in shorter ones reads low (record with "
                + coarse.getFirst() + "#threshold=" + Durations.setting(FINE_THRESHOLD)
                + (coarse.size() > 1 ? " and the same for " + Durations.list(coarse.subList(1, coarse.size())) : "")
                + " to count them)";
    }

    /** The event types of the waits it reads ({@link Observation.Blocked.Kind}). */
    private static final List<String> BLOCKING = Observation.Blocked.Kind.eventTypes();

    /** A pool blocked at least this share of its threads' time is a candidate. */
    static final double CANDIDATE_SHARE = 0.5;

    /** A thread name's last number: the thread's within its pool (pool-2-thread-<b>3</b>). */
    private static final Pattern LAST_NUMBER = Pattern.compile("\\d+(?=\\D*$)");

    /** The JVM's own threads: none is an application's pool to move. */
    static final Set<String> JVM_THREADS = Set.of(
            "Reference Handler",
            "Finalizer",
            "Signal Dispatcher",
            "Common-Cleaner",
            "Attach Listener",
            "Notification Thread",
            "DestroyJavaVM");

    /**
     * loom's own platform threads that wait in a run's recording: the one that stops an event stream
     * ({@code jfr.PinStream}), the Ctrl-C hook, the run a mid-run thread dump holds. Not a pool, and
     * nothing a user of the recording can move.
     */
    static final Set<String> LOOM_THREADS = Set.of("loom-jfr-stop", "loom-ctrl-c", "loom-dump-run");

    /** Whether a thread of this name is the JVM's, JFR's ({@code JFR ...}) or loom's own, not an application's. */
    static boolean serviceThread(String name) {
        return JVM_THREADS.contains(name) || name.startsWith("JFR ") || LOOM_THREADS.contains(name);
    }

    private static final class Pool {
        final String name;
        final Set<Long> threads = new HashSet<>();
        final Map<Observation.Blocked.Kind, Long> blocked = new EnumMap<>(Observation.Blocked.Kind.class);
        /** The parks' and monitor waits' time in {@link #total}, by the class they waited in (Semaphore, ...). */
        final Map<String, Long> waitedIn = new HashMap<>();

        long total;
        /** The time its threads waited to take a lock another held: not in {@link #total}. */
        long locks;

        /**
         * The time its threads parked or waited on a monitor with no stack recorded, which alone tells a wait for the
         * next task (idle) or to take a lock from a wait in one: not in {@link #total}.
         */
        long noStack;

        /** The part of {@link #noStack} whose stacks were cut short ({@link Observation.Blocked.Wait#CUT_SHORT}). */
        long cutShort;

        Pool(String name) {
            this.name = name;
        }
    }

    private final Map<String, Pool> pools = new HashMap<>();
    private long blockedEvents;

    /** The waits of {@link Pool#noStack}, counted. */
    private long noStackWaits;
    /** Those of {@link #noStackWaits} whose stack was cut short ({@link Observation.Blocked.Wait#CUT_SHORT}). */
    private long cutStackWaits;
    /** Platform threads' starts and ends, by thread id, in whatever order the events come. */
    private final Map<Long, Long> started = new HashMap<>();

    /** The names of the platform threads seen starting, by thread id: a pool's threads that never blocked count too. */
    private final Map<Long, String> startedNames = new HashMap<>();

    private final Map<Long, Long> ended = new HashMap<>();

    /**
     * The time platform threads waited for their next task (idle, {@link Observation.Blocked#waitingForWork}), by
     * thread id: a pool's time at work is its time alive less this.
     */
    private final Map<Long, Long> idle = new HashMap<>();

    /** The blocking event types with an event in the file, of any thread: on, whatever the settings say. */
    private final Set<String> typesSeen = new HashSet<>();

    /**
     * The pool a thread belongs to: its name with its last number replaced by {@code #}. Only the last: the
     * JDK's executors number their pools too ({@code pool-1-thread-3}, {@code ForkJoinPool-2-worker-1}), and
     * a pool that waits beside one that computes must not be averaged with it (every number replaced made
     * both {@code pool-#-thread-#}: a pool blocked 93% of the time beside one blocked 9% read as 46%, no
     * candidate).
     */
    static String poolOf(String threadName) {
        return LAST_NUMBER.matcher(threadName).replaceFirst("#");
    }

    @Override
    public void accept(Observation observation) {
        if (observation instanceof Observation.ThreadStart start
                && !start.thread().virtual()) {
            started.put(start.thread().id(), start.time());
            startedNames.put(start.thread().id(), start.thread().name());
            return;
        }
        if (observation instanceof Observation.ThreadEnd end && !end.thread().virtual()) {
            ended.put(end.thread().id(), end.time());
            return;
        }
        if (observation instanceof Observation.Blocked any) {
            typesSeen.add(any.kind().eventType());
            if (any.waitingForWork() && !any.thread().virtual()) {
                idle.merge(any.thread().id(), any.duration(), Long::sum);
            }
        }
        if (!(observation instanceof Observation.Blocked blocked)
                || blocked.thread().virtual()
                || blocked.thread().name().isEmpty()
                || blocked.waitingForWork() // a pool's idle thread waiting for a task is not blocked in one
                || serviceThread(blocked.thread().name())) {
            return;
        }
        blockedEvents++;
        Pool pool = pools.computeIfAbsent(poolOf(blocked.thread().name()), Pool::new);
        pool.threads.add(blocked.thread().id());
        if (blocked.waitingForLock()) {
            pool.locks += blocked.duration();
            return;
        }
        if (blocked.notTold()) {
            pool.noStack += blocked.duration();
            noStackWaits++;
            if (blocked.waitedFor() == Observation.Blocked.Wait.CUT_SHORT) {
                cutStackWaits++;
                pool.cutShort += blocked.duration();
            }
            return;
        }
        pool.blocked.merge(blocked.kind(), blocked.duration(), Long::sum);
        pool.total += blocked.duration();
        if (!blocked.waitedIn().isEmpty()) {
            pool.waitedIn.merge(blocked.waitedIn(), blocked.duration(), Long::sum);
        }
    }

    /** How many classes a pool's {@code waited_in} names at the most, those waited in longest. */
    static final int WAITED_IN = 3;

    /** The classes the pool's parks and monitor waits were in, longest first, the {@link #WAITED_IN} first. */
    private static Map<String, Object> waitedIn(Pool pool) {
        Map<String, Object> longest = new LinkedHashMap<>();
        pool.waitedIn.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(WAITED_IN)
                .forEach(waited -> longest.put(waited.getKey(), Durations.ms(waited.getValue())));
        return longest;
    }

    @Override
    public Finding finish(Recording recording) {
        long length = recording.durationNanos();
        if (blockedEvents == 0 && !recording.on(BLOCKING)) {
            return notRecorded(recording, BLOCKING, BLOCKING_EVENTS, WHY_RECORD, "blocked_events");
        }
        if (blockedEvents == 0 || length == 0) {
            return new Finding(
                    ID,
                    Severity.OK,
                    "No platform thread was recorded blocking in I/O, sleep, park or a monitor.",
                    "Of " + BLOCKING_EVENTS + ", those on recorded no platform thread blocked for as long as"
                            + " their thresholds." + unseen(recording),
                    Map.of("blocked_events", 0));
        }
        boolean lives = lifetimesRecorded(recording);
        // a pool's threads with no recorded wait are its threads too, alive and not blocked (a review's pool of 50
        // was counted as 48, and its share as theirs): those seen starting, named as the pool's threads are
        startedNames.forEach((id, name) -> {
            Pool pool = pools.get(poolOf(name));
            if (pool != null && !name.isEmpty()) {
                pool.threads.add(id);
            }
        });
        List<Map<String, Object>> candidates = new ArrayList<>();
        List<Map<String, Object>> lockBound = new ArrayList<>();
        List<Map<String, Object>> others = new ArrayList<>();
        List<Map<String, Object>> waitingAtWork = new ArrayList<>();
        List<Pool> noStackBound = new ArrayList<>();
        pools.values().stream()
                .sorted(Comparator.comparingLong((Pool p) -> p.total)
                        .thenComparingLong(p -> p.locks)
                        .reversed())
                .forEach(pool -> {
                    long alive = alive(pool, recording);
                    double share = Math.min(1.0, pool.total / (double) alive);
                    double lockShare = Math.min(1.0, pool.locks / (double) alive);
                    Map<String, Object> one = new LinkedHashMap<>();
                    one.put("pool", pool.name);
                    one.put("threads", pool.threads.size());
                    one.put("blocked_share", shown(share));
                    one.put("blocked_ms", Durations.ms(pool.total));
                    one.put("alive_ms", Durations.ms(alive));
                    Map<String, Object> kinds = new LinkedHashMap<>();
                    pool.blocked.forEach((kind, nanos) -> kinds.put(kind.words(), Durations.ms(nanos)));
                    one.put("blocked_in", kinds);
                    one.put("waited_in", waitedIn(pool));
                    one.put("lock_wait_share", shown(lockShare));
                    one.put("lock_wait_ms", Durations.ms(pool.locks));
                    one.put("no_stack_wait_ms", Durations.ms(pool.noStack));
                    long idleNanos = Math.min(
                            alive,
                            pool.threads.stream()
                                    .mapToLong(id -> idle.getOrDefault(id, 0L))
                                    .sum());
                    double workShare = idleNanos < alive ? Math.min(1.0, pool.total / (double) (alive - idleNanos)) : 0;
                    one.put("idle_ms", Durations.ms(idleNanos));
                    one.put("blocked_share_of_work", shown(workShare));
                    if (isPool(pool) && share >= CANDIDATE_SHARE) {
                        candidates.add(one);
                    } else if (isPool(pool) && share + lockShare >= CANDIDATE_SHARE) {
                        // below the candidates' share, it reaches it only with its waits for a lock counted
                        lockBound.add(one);
                    } else if (isPool(pool) || pool.name.contains("#")) {
                        others.add(one); // a lone thread named without a number (main) is no pool
                        if (isPool(pool) && atWorkMostlyBlocked(share, workShare, idleNanos)) {
                            waitingAtWork.add(one);
                        }
                        if (isPool(pool)
                                && share + lockShare + Math.min(1.0, pool.noStack / (double) alive)
                                        >= CANDIDATE_SHARE) {
                            noStackBound.add(pool); // blocked or idle most of its time: its stacks would have told
                        }
                    }
                });
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("blocked_events", blockedEvents);
        details.put("recording_ms", Durations.ms(length));
        details.put("lifetimes", lives ? "recorded" : LIFETIMES_NOT_RECORDED);
        details.put("candidates", candidates);
        details.put("waiting_for_locks", lockBound.subList(0, Math.min(10, lockBound.size())));
        details.put(Finding.totalOf("waiting_for_locks"), lockBound.size());
        details.put("other_pools", others.subList(0, Math.min(10, others.size())));
        details.put(Finding.totalOf("other_pools"), others.size());
        details.put("no_stack_waits", noStackWaits);
        details.put(
                "no_stack_wait_ms",
                Durations.ms(pools.values().stream().mapToLong(p -> p.noStack).sum()));
        if (candidates.isEmpty()) {
            return new Finding(
                    ID,
                    Severity.OK,
                    !noStackBound.isEmpty()
                            ? noStackSummary(
                                    noStackBound.getFirst(),
                                    alive(noStackBound.getFirst(), recording),
                                    noStackBound.getFirst().cutShort > 0)
                            : lockBound.isEmpty()
                                    ? (lives
                                            ? "No pool of platform threads spent most of its time blocked."
                                            : "No pool of platform threads was blocked for most of the recording;"
                                                  + " their threads' starts and ends were not recorded, so a pool that"
                                                  + " lived for part of it may have been.")
                                    : "No pool of platform threads to move: " + lockBoundSummary(lockBound),
                    (atWork(waitingAtWork)
                                    + locks(lockBound)
                                    + withoutStacks()
                                    + lowerBound(recording)
                                    + unseen(recording)
                                    + lifetimesUnknown(lives))
                            .strip(),
                    details);
        }
        Map<String, Object> first = candidates.getFirst();
        return new Finding(
                ID,
                Severity.INFO,
                String.format(
                        java.util.Locale.ROOT,
                        "%s of platform threads spent most of their time blocked; first to move: %s (%s, blocked"
                                + " %.0f%% of the time).",
                        Durations.count(candidates.size(), "pool"),
                        first.get("pool"),
                        Durations.count(((Number) first.get("threads")).longValue(), "thread"),
                        ((Double) first.get("blocked_share")) * 100),
                "Threads that mostly wait for I/O, sleep or another thread are what virtual threads are for: replace"
                        + " the pool with Executors.newVirtualThreadPerTaskExecutor() and limit what is scarce"
                        + " (connections, say) with a Semaphore instead of the pool size. " + IDLE_KNOWN
                        + commonPool(candidates)
                        + limitBound(candidates)
                        + atWork(waitingAtWork)
                        + locks(lockBound)
                        + withoutStacks()
                        + lowerBound(recording) + unseen(recording) + lifetimesUnknown(lives),
                details);
    }

    /**
     * Whether a pool that is no candidate was blocked for most of its time at work, its time alive less its recorded
     * waits for a task, and for a tenth of its time alive at least: a pool whose tasks mostly wait, not busy now. A
     * helper's server sent its database calls (sleeps of 20 ms) to a fixed pool of 4: at ordinary load the pool read
     * blocked 20% of its time, an OK with no word of it, though every task's time was a wait; saturated, 73%.
     */
    static boolean atWorkMostlyBlocked(double share, double workShare, long idleNanos) {
        return idleNanos > 0 && share >= AT_WORK_FLOOR && workShare >= CANDIDATE_SHARE;
    }

    /** The least blocked share of a pool said to wait most of its time at work: below it, an idle pool's few waits. */
    static final double AT_WORK_FLOOR = 0.1;

    /** The pools that were blocked for most of their time at work, the first named, as a sentence; empty if none. */
    private static String atWork(List<Map<String, Object>> pools) {
        if (pools.isEmpty()) {
            return "";
        }
        Map<String, Object> first = pools.getFirst();
        return String.format(
                java.util.Locale.ROOT,
                "%s (%s) was idle for much of its time and blocked for %.0f%% of the rest, its time at work (%.0f%% of"
                        + " its time alive)%s: its tasks mostly wait, so it would move too, though it is not busy"
                        + " enough now to be blocked most of its time. ",
                first.get("pool"),
                Durations.count(((Number) first.get("threads")).longValue(), "thread"),
                ((Double) first.get("blocked_share_of_work")) * 100,
                ((Double) first.get("blocked_share")) * 100,
                pools.size() == 1
                        ? ""
                        : " (and " + Durations.count(pools.size() - 1, "other pool") + " like it: blocked_share_of_work"
                                + " in other_pools)");
    }

    /**
     * The pools that waited most of their time only with their waits for a lock counted, and the first of them:
     * {@code 1 pool of platform threads waited most of its time, but was blocked less than half of it without its
     * waits to take a lock, ...: pool-1-thread-# (8 threads, waiting for a lock 84% of the time, otherwise blocked
     * 0%).}
     */
    private static String lockBoundSummary(List<Map<String, Object>> lockBound) {
        Map<String, Object> first = lockBound.getFirst();
        boolean one = lockBound.size() == 1;
        return String.format(
                java.util.Locale.ROOT,
                "%s of platform threads waited most of %s time, but %s blocked less than half of it without %s waits"
                        + " to take a lock, which virtual threads would wait for as long: %s%s (%s, waiting for a lock"
                        + " %.0f%% of the time, otherwise blocked %.0f%%).",
                Durations.count(lockBound.size(), "pool"),
                one ? "its" : "their",
                one ? "was" : "were",
                one ? "its" : "their",
                one ? "" : "first ",
                first.get("pool"),
                Durations.count(((Number) first.get("threads")).longValue(), "thread"),
                ((Double) first.get("lock_wait_share")) * 100,
                ((Double) first.get("blocked_share")) * 100);
    }

    /**
     * Whether these threads are a pool to judge: two or more, or the one worker of a {@code ForkJoinPool} (its
     * default thread factory's names: {@link #COMMON_POOL}, {@code ForkJoinPool-N-worker-#}). A lone thread of
     * another pool is left out, since a single-thread executor's one thread may be there to run its tasks in turn,
     * which a thread per task would not; a {@code ForkJoinPool} keeps no order of its tasks, and the common pool has
     * one worker on a 2-core machine.
     */
    private static boolean isPool(Pool pool) {
        return pool.threads.size() >= 2 || FORK_JOIN_WORKERS.matcher(pool.name).matches();
    }

    /**
     * Which pools' waits for their next task are told idle ({@link Observation.Blocked#awaitingATask}), where a
     * candidate is named: another pool's idle thread reads as blocked.
     */
    static final String IDLE_KNOWN = "A thread waiting for its next task is idle, not counted, where its stack shows"
            + " the wait of the JDK's executors, Tomcat's, Jetty's, Netty's or JBoss Threads' pools, of c3p0's"
            + " helper threads, Quartz's workers or OkHttp's TaskRunner; another pool's idle threads count as"
            + " blocked. ";

    /** The common pool's workers, as a pool: {@code ForkJoinPool.commonPool-worker-1} and on. */
    static final String COMMON_POOL = "ForkJoinPool.commonPool-worker-#";

    /** The workers of a {@code ForkJoinPool}, as a pool: the common pool's, or those of a pool of the program's. */
    private static final Pattern FORK_JOIN_WORKERS = Pattern.compile("ForkJoinPool(\\.commonPool|-\\d+)-worker-#");

    /**
     * How to move the tasks that wait in the common pool, which the program did not create, where it is a candidate:
     * what a finding adds, or nothing. Whether {@code CompletableFuture} uses the common pool of one worker was run
     * here: JDK 25 does ({@code ForkJoinPool.asyncCommonPool}), JDK 17 started a thread per task instead; JDK 25's
     * JDK-8319447 made the change (read).
     */
    private static String commonPool(List<Map<String, Object>> candidates) {
        if (candidates.stream().noneMatch(pool -> COMMON_POOL.equals(pool.get("pool")))) {
            return "";
        }
        return COMMON_POOL + " is the common pool, where CompletableFuture's supplyAsync, runAsync and other Async"
                + " methods run their tasks when given no executor, and parallel streams theirs. By default"
                + " it has one thread fewer than the machine's cores, to compute, so tasks that block in I/O or"
                + " a sleep there take turns: on a 2-core machine, one at a time (since JDK 25, JDK-8319447,"
                + " CompletableFuture uses the common pool even with one thread; before, it started a"
                + " thread per task). Give those methods an executor of virtual threads, supplyAsync(task,"
                + " executor), and keep parallel streams for computing. ";
    }

    static final String SEMAPHORE = "java.util.concurrent.Semaphore";

    /**
     * The limits a pool's tasks can wait for that moving the pool does not lift, by the class they waited in
     * ({@link Observation.Blocked#waitedIn}): what was waited for, and what there are as many of as tasks run at once.
     * The connection pools are those recorded here: HikariCP 7.1.0 (its tasks park in {@code SynchronousQueue.poll},
     * called from its {@code ConcurrentBag}), Tomcat JDBC 11.0.29 (in a {@code CountDownLatch} called from its
     * {@code FairBlockingQueue}, its default, or with {@code fairQueue=false} a {@code LinkedBlockingQueue} called
     * from its {@code ConnectionPool}), c3p0 0.11.2 and 0.9.5.5 (a condition's await, or {@code wait()} in 0.9.5.5,
     * in its {@code BasicResourcePool}), Agroal 2.6, Quarkus's (a synchronizer of its own, acquired in its
     * {@code ConnectionPool}, or, while the pool grows, the {@code FutureTask} of a connection being made, waited on
     * there), Apache Commons Pool 2.12.0 under DBCP 2.13.0 (in its own
     * {@code LinkedBlockingDeque}), and Apache HttpClient's pools of connections, 5.6.5 (a {@code BasicFuture}'s
     * {@code get} called from its {@code StrictConnPool}) and 4.5.14 (a condition's await in its
     * {@code AbstractConnPool}). Vibur DBCP 26.0 and Oracle UCP 23.9 wait on a {@code Semaphore}, called from
     * Vibur's {@code ConcurrentPool} and from UCP's {@code CriStats$BorrowSemaphore}: their connections, not a
     * semaphore of the program's. Jedis 8.0.2's {@code JedisPool} is an Apache Commons Pool 2.13.1 (its deque again).
     * MongoDB's driver 5.14.0 waits for a connection in a condition's await called from its own {@code ConcurrentPool};
     * its other waits, such as for its turn to open a connection ({@code maxConnecting}) or for the server to be
     * found, go through its {@code Timeout} class and are not told apart (in {@code javap}'s listing of the jar).
     */
    enum Limit {
        PERMITS("a Semaphore's permits", "permits"),
        HIKARI("a connection from HikariCP's pool", "connections"),
        TOMCAT_JDBC("a connection from Tomcat JDBC's pool", "connections"),
        C3P0("a connection from c3p0's pool", "connections"),
        AGROAL("a connection from Agroal's pool", "connections"),
        HTTP_CLIENT("a connection from Apache HttpClient's pool", "connections"),
        VIBUR("a connection from Vibur DBCP's pool", "connections"),
        UCP("a connection from Oracle UCP's pool", "connections"),
        MONGODB("a connection from the MongoDB driver's pool", "connections"),
        COMMONS_POOL("an object from an Apache Commons Pool (DBCP's or Jedis's connections, say)", "pooled objects");

        final String waitedFor;
        final String many;

        Limit(String waitedFor, String many) {
            this.waitedFor = waitedFor;
            this.many = many;
        }

        /** The limit a wait in this class (as {@code waitedIn} gives it) was for, or null. */
        static Limit of(String waitedIn) {
            if (waitedIn.startsWith(SEMAPHORE + Observation.Blocked.FROM + "org.vibur.")) {
                return VIBUR;
            }
            if (waitedIn.startsWith(SEMAPHORE + Observation.Blocked.FROM + "oracle.ucp.")) {
                return UCP;
            }
            if (waitedIn.equals(SEMAPHORE) || waitedIn.startsWith(SEMAPHORE + Observation.Blocked.FROM)) {
                return PERMITS;
            }
            if (waitedIn.startsWith("java.util.concurrent.")) {
                if (waitedIn.contains(Observation.Blocked.FROM + "com.zaxxer.hikari.")) {
                    return HIKARI;
                }
                if (waitedIn.contains(Observation.Blocked.FROM + "org.apache.tomcat.jdbc.pool.")) {
                    return TOMCAT_JDBC;
                }
                if (waitedIn.endsWith(Observation.Blocked.FROM + "io.agroal.pool.ConnectionPool")) {
                    return AGROAL; // the future of a connection being made, waited on while the pool grows
                }
            }
            if (waitedIn.startsWith("com.mchange.v2.resourcepool.")) {
                return C3P0;
            }
            if (waitedIn.startsWith("io.agroal.pool.")) {
                return AGROAL;
            }
            if (waitedIn.startsWith("org.apache.http.pool.")
                    || waitedIn.startsWith("org.apache.hc.core5.pool.")
                    || waitedIn.contains(Observation.Blocked.FROM + "org.apache.hc.core5.pool.")) {
                return HTTP_CLIENT;
            }
            if (waitedIn.equals("com.mongodb.internal.connection.ConcurrentPool")) {
                return MONGODB;
            }
            return waitedIn.startsWith("org.apache.commons.pool2.") ? COMMONS_POOL : null;
        }
    }

    /** How many limit-bound candidates the explanation names at the most ({@link #limitBound}). */
    static final int LIMIT_BOUND_NAMED = 3;

    /**
     * The candidates that spent half their blocked time or more waiting for one {@link Limit}, the first
     * {@value #LIMIT_BOUND_NAMED}, where any did: moving them makes those waits cheap, not shorter. Empty where none
     * did.
     */
    private String limitBound(List<Map<String, Object>> candidates) {
        List<String> bound = new ArrayList<>();
        Set<Limit> kinds = EnumSet.noneOf(Limit.class);
        for (Map<String, Object> candidate : candidates) {
            Pool pool = pools.get(String.valueOf(candidate.get("pool")));
            Map<Limit, Long> limits = new EnumMap<>(Limit.class);
            pool.waitedIn.forEach((waitedIn, nanos) -> {
                Limit limit = Limit.of(waitedIn);
                if (limit != null) {
                    limits.merge(limit, nanos, Long::sum);
                }
            });
            limits.entrySet().stream()
                    .filter(limit -> pool.total > 0 && limit.getValue() * 2 >= pool.total)
                    .findFirst()
                    .filter(limit -> bound.size() < LIMIT_BOUND_NAMED)
                    .ifPresent(limit -> {
                        kinds.add(limit.getKey());
                        bound.add(String.format(
                                java.util.Locale.ROOT,
                                "%s spent %.0f%% of its blocked time waiting for %s",
                                pool.name,
                                Math.floor(limit.getValue() * 100.0 / pool.total),
                                limit.getKey().waitedFor));
                    });
        }
        if (bound.isEmpty()) {
            return "";
        }
        List<String> many = kinds.stream().map(kind -> kind.many).distinct().toList();
        return String.join("; ", bound)
                + ": on virtual threads those waits hold no thread, but no more tasks run at once than there are "
                + String.join(" or ", many)
                + ", so " + (bound.size() == 1 ? "the pool goes" : "these pools go") + " no faster unless "
                + (many.size() == 1 ? "the " + many.get(0) : "those") + " grow. ";
    }

    /**
     * The first pool that parked or waited on a monitor most of its time with no stack recorded, so that the
     * recording cannot say whether it was blocked or idle: {@code No pool of platform threads can be said to have
     * spent most of its time blocked: pool-1-thread-# (4 threads) waited 99% of the time, 100% of it in parks or
     * monitor waits recorded with no stack, ...}
     */
    private static String noStackSummary(Pool pool, long alive, boolean someCut) {
        long waited = pool.total + pool.locks + pool.noStack;
        return String.format(
                java.util.Locale.ROOT,
                "No pool of platform threads can be said to have spent most of its time blocked: %s (%s) waited %.0f%%"
                        + " of the time, %.0f%% of it in parks or monitor waits recorded with no stack%s, which alone"
                        + " tells a wait for the next task (idle) from a wait in one.",
                pool.name,
                Durations.count(pool.threads.size(), "thread"),
                Math.floor(Math.min(1.0, waited / (double) alive) * 100),
                Math.floor(pool.noStack * 100.0 / waited),
                someCut ? " or one cut short" : "");
    }

    /**
     * Why the parks and monitor waits recorded with no stack are not counted, where there were some: what a finding
     * adds, or nothing.
     */
    private String withoutStacks() {
        if (noStackWaits == 0) {
            return "";
        }
        long nanos = pools.values().stream().mapToLong(p -> p.noStack).sum();
        long cutStackNanos = pools.values().stream().mapToLong(p -> p.cutShort).sum();
        long none = noStackWaits - cutStackWaits;
        String why = (none == 0
                        ? ""
                        : Durations.count(none, "park or monitor wait") + " of platform threads ("
                                + Durations.words(nanos - cutStackNanos)
                                + ") had no stack recorded: their events' stackTrace setting was off. ")
                + (cutStackWaits == 0
                        ? ""
                        : Durations.count(cutStackWaits, "park or monitor wait") + " of platform threads ("
                                + Durations.words(cutStackNanos)
                                + ") had a stack the recording cut short, JDK frames only: its stack depth"
                                + " (-XX:FlightRecorderOptions:stackdepth, 64 frames unless set) left out the rest. ");
        String record = none == 0
                ? "record with the default stack depth or more"
                : "record jdk.ThreadPark and jdk.JavaMonitorWait with stackTrace=true (the JDK's settings do)"
                        + (cutStackWaits == 0 ? "" : ", and with the default stack depth or more,");
        return why + "Only the stack tells a pool's wait for its next task (idle), or a wait to take a lock, from a"
                + " wait in a task, so those waits are not counted as blocked; " + record + " to count them. ";
    }

    /**
     * Why the waits to take a lock are not counted as blocked, where a pool waited most of its time only with them
     * counted: what a finding adds, or nothing.
     */
    private static String locks(List<Map<String, Object>> lockBound) {
        if (lockBound.isEmpty()) {
            return "";
        }
        return "A thread waiting to take a lock another holds (jdk.JavaMonitorEnter, a park in ReentrantLock,"
                + " ReentrantReadWriteLock or StampedLock, or a jdk.JavaMonitorWait for another thread's class"
                + " initializer) waits as long on a virtual thread: the lock lets its"
                + " holders through one at a time whatever the number of threads, so those waits are not counted as"
                + " blocked, and "
                + (lockBound.size() == 1 ? "a pool" : "the pools")
                + " that waited most of the time only with them counted "
                + (lockBound.size() == 1 ? "is no candidate" : "are none")
                + ": holding the lock for less time shortens those waits, more threads do not. On JDK 21 to 23 a"
                + " virtual thread blocked entering a synchronized block also holds its carrier (JEP 491 ended that"
                + " in JDK 24). ";
    }

    /**
     * The waits the recording could not show, where some of their event types were not on: a pool blocked
     * only in those is not seen (pinning.jfc leaves monitor waits and socket and file reads off). A type with
     * events in the file was on whatever its settings say; one whose settings are not known
     * ({@code jdk.ActiveSetting} off) and with no event may have been on with nothing to record.
     */
    private String unseen(Recording recording) {
        List<String> off = BLOCKING.stream()
                .filter(type -> !typesSeen.contains(type))
                .filter(type ->
                        recording.enabled(type) == EventEnabled.OFF || recording.enabled(type) == EventEnabled.ABSENT)
                .toList();
        List<String> unknown = BLOCKING.stream()
                .filter(type -> !typesSeen.contains(type) && recording.enabled(type) == EventEnabled.UNKNOWN)
                .toList();
        List<String> part = recording.part(BLOCKING);
        return (off.isEmpty() ? "" : " Not recorded as on, so not seen: " + String.join(", ", off) + ".")
                + (part.isEmpty()
                        ? ""
                        : " On for part of the recording only, so their waits while off are not counted: "
                                + String.join(", ", part) + ".")
                + (unknown.isEmpty()
                        ? ""
                        : " Not known: none of " + String.join(", ", unknown)
                                + " in the file, and the recording's settings do not say whether they were on.");
    }

    /** What a finding on pools adds where their threads' lives were not recorded ({@code !lives}); else nothing. */
    private static String lifetimesUnknown(boolean lives) {
        return lives
                ? ""
                : " jdk.ThreadStart and jdk.ThreadEnd were not recorded as on, so each pool thread is taken as alive"
                        + " for the whole recording: a pool that lived for part of it (a run's own pool, shut down"
                        + " at its end) reads as less blocked than it was; record them (the JDK's default.jfc does)"
                        + " to judge each pool by its life.";
    }

    /** What {@code lifetimes} says where the threads' starts and ends were not recorded. */
    static final String LIFETIMES_NOT_RECORDED = "not recorded: the recording's length taken";

    /**
     * Whether the platform threads' lives are known: {@code jdk.ThreadStart} and {@code jdk.ThreadEnd} on, or, where
     * the settings are not known, some of each seen. A thread that began before the recording (or ended after it)
     * has neither in the file, and is alive from its start (or to its end) either way.
     */
    private boolean lifetimesRecorded(Recording recording) {
        return (recording.enabled("jdk.ThreadStart") == EventEnabled.ON || !started.isEmpty())
                && (recording.enabled("jdk.ThreadEnd") == EventEnabled.ON || !ended.isEmpty());
    }

    /**
     * A blocked share as the details show it: rounded down to hundredths, so a shown 0.5 is always a
     * candidate (rounded to nearest, 0.499 showed 0.5 and was none). Floored in decimal, from the shortest
     * text of the double, so 0.57 shows 0.57, not the 0.56 of {@code floor(0.57 * 100)}.
     */
    static double shown(double share) {
        return java.math.BigDecimal.valueOf(share)
                .setScale(2, java.math.RoundingMode.FLOOR)
                .doubleValue();
    }

    /**
     * The time the pool's threads were alive, summed: each from its start, or the recording's start
     * where none was recorded, to its end, or the recording's end where none was; at least 1 ns.
     */
    private long alive(Pool pool, Recording recording) {
        long sum = 0;
        for (long thread : pool.threads) {
            long from = Math.max(recording.start(), started.getOrDefault(thread, recording.start()));
            long to = Math.min(recording.end(), ended.getOrDefault(thread, recording.end()));
            sum += Math.max(0, to - from);
        }
        return Math.max(1, sum);
    }
}
