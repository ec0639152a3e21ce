package dev.loompatterns.analysis.jmc;

import dev.loompatterns.analysis.Analysis;
import dev.loompatterns.analysis.Durations;
import dev.loompatterns.analysis.Observation;
import dev.loompatterns.analysis.Rule;
import dev.loompatterns.jfr.EventEnabled;
import dev.loompatterns.jfr.EventSettings;
import dev.loompatterns.jfr.PinTaxonomy;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openjdk.jmc.common.IMCFrame;
import org.openjdk.jmc.common.IMCMethod;
import org.openjdk.jmc.common.IMCStackTrace;
import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.IMCThreadGroup;
import org.openjdk.jmc.common.item.Aggregators;
import org.openjdk.jmc.common.item.IAccessorKey;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemFilter;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.common.item.IType;
import org.openjdk.jmc.common.item.ItemFilters;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.PredicateToolkit;
import org.openjdk.jmc.flightrecorder.JfrAttributes;
import org.openjdk.jmc.flightrecorder.jdk.JdkAttributes;
import org.openjdk.jmc.flightrecorder.jdk.JdkTypeIDs;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit.EventAvailability;

/**
 * Feeds JDK Mission Control's events (an {@link IItemCollection}, what JMC hands a rule) to our
 * rules as {@link Observation}s: the same observations {@code analysis.jfr.RecordingReader} makes
 * of the same events with the JDK's parser. What it reads of each event, and how:
 * <ul>
 *   <li>times: JMC's start time and duration, in nanoseconds since the epoch. JMC converts JFR's
 *       ticks on its own and lands within a fraction of a microsecond of the JDK's parser, not on
 *       the same nanosecond (a review measured 81 and 94 ns apart on a census's {@code peak_at}):
 *       no verdict depends on it;</li>
 *   <li>threads: the Java thread id and name; whether it is virtual from its thread group, which
 *       JFR names {@value #VIRTUAL_THREAD_GROUP}, with no parent, for every virtual thread (JMC 9.1 does not read the
 *       thread's {@code virtual} field: its parser warns "Could not find field with name 'virtual'");</li>
 *   <li>{@code jdk.ExecutionSample}: JMC files {@code sampledThread} as the event thread;</li>
 *   <li>stacks: every frame, hidden ones included (JMC keeps them, with the method's modifiers),
 *       as the pin taxonomy needs them;</li>
 *   <li>fields a JDK may lack ({@code pinnedReason}, {@code blockingOperation} before JDK 24):
 *       null, as with the JDK's parser;</li>
 *   <li>an event type defined twice with different fields in one file (chunks of two JDKs, or a
 *       JDK 21-shaped {@code jdk.VirtualThreadPinned} beside JDK 25's): JMC keeps the second as
 *       another type, its name followed by a UUID ("Created new event type entry for ..."); read
 *       here as the type it is, as the JDK's parser reads it by name.</li>
 * </ul>
 * Like {@link Analysis}, nothing here keeps events: each becomes an observation and is handed on.
 */
public final class ItemCollectionReader {

    /** The thread group JFR gives every virtual thread (the JDK's {@code Thread.Constants.VTHREAD_GROUP}). */
    public static final String VIRTUAL_THREAD_GROUP = "VirtualThreads";

    /** Event types whose observations last (pins and waits): the recording's end counts their end. */
    private static final Set<String> DURATIONAL = Stream.concat(
                    Stream.of("jdk.VirtualThreadPinned"),
                    Arrays.stream(Observation.Blocked.Kind.values()).map(Observation.Blocked.Kind::eventType))
            .collect(Collectors.toUnmodifiableSet());

    /** The UUID JMC appends to the name of a second, different definition of an event type. */
    private static final Pattern SECOND_DEFINITION =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    /** How often a long read looks whether JMC cancelled the evaluation. */
    private static final int CANCEL_CHECK = 1 << 16;

    private ItemCollectionReader() {}

    /**
     * Hands every event of the given types to {@code sink} as an observation.
     *
     * @return the number of observations handed over
     * @throws CancellationException if the evaluating thread was interrupted (JMC cancels so)
     */
    public static long feed(IItemCollection items, Set<String> eventTypes, Consumer<Observation> sink) {
        long count = 0;
        for (IItemIterable iterable : items.apply(types(eventTypes))) {
            TypeReader reader = new TypeReader(iterable.getType());
            for (IItem item : iterable) {
                Observation observation = reader.observe(item);
                if (observation != null) {
                    sink.accept(observation);
                    if (++count % CANCEL_CHECK == 0 && Thread.currentThread().isInterrupted()) {
                        throw new CancellationException("JMC cancelled the evaluation");
                    }
                }
            }
        }
        return count;
    }

    /**
     * The recording as {@link Analysis} sees it: from the first to the last end of the events of
     * every type some rule reads (not only those of one rule), so that a rule's numbers over the
     * recording's length are those {@code loom inspect} prints. JMC does not tell a rule the file's
     * name or size: "" and -1.
     *
     * @param events what the adapter read, for {@link Rule.Recording#events()}
     * @param types  the event types whose settings the rule is told ({@link #enabled})
     */
    public static Rule.Recording recording(IItemCollection items, long events, Set<String> types) {
        Set<String> all = new HashSet<>(Analysis.ofAllRules().eventTypes());
        all.remove(Observation.CpuLoad.EVENT_TYPE); // on a timer, whatever the program did: not its span (Analysis)
        Set<String> instant = new HashSet<>(all);
        instant.removeAll(DURATIONAL);
        Set<String> durational = new HashSet<>(all);
        durational.retainAll(DURATIONAL);
        IQuantity firstEvent = items.apply(types(all)).getAggregate(Aggregators.min(JfrAttributes.START_TIME));
        // the start as the JDK's parser reads it (RecordingReader.recordingStart): the first jdk.ActiveSetting, JFR's
        // note of the settings as a recording starts, where it comes before the first event a rule reads
        IQuantity firstSetting =
                items.apply(types(Set.of("jdk.ActiveSetting"))).getAggregate(Aggregators.min(JfrAttributes.START_TIME));
        IQuantity first = firstEvent != null && firstSetting != null && firstSetting.compareTo(firstEvent) < 0
                ? firstSetting
                : firstEvent;
        IQuantity lastEnd = items.apply(types(durational)).getAggregate(Aggregators.max(JfrAttributes.END_TIME));
        IQuantity lastStart = items.apply(types(instant)).getAggregate(Aggregators.max(JfrAttributes.START_TIME));
        long end = Math.max(nanos(lastEnd, 0), nanos(lastStart, 0));
        Map<String, EventEnabled> settings = new HashMap<>();
        Map<String, Set<String>> thresholds = new HashMap<>();
        Map<String, Set<String>> periods = new HashMap<>();
        Map<String, Set<String>> throttles = new HashMap<>();
        types.forEach(type -> {
            settings.put(type, enabled(items, type));
            thresholds.put(type, settingValues(items, "threshold", type));
            periods.put(type, settingValues(items, "period", type));
            throttles.put(type, settingValues(items, "throttle", type));
        });
        return new Rule.Recording(
                nanos(first, 0),
                end,
                events,
                -1,
                "",
                settings,
                Durations.timespans(thresholds),
                Durations.timespans(periods),
                throttles,
                false);
    }

    /**
     * What the recording's settings say of the event type, as {@link EventSettings} reads them with
     * the JDK's parser: on if those that say {@code enabled} all say {@code true}, on for part of the
     * recording if some say {@code true} and some {@code false}, off if none says {@code true}, absent
     * for a type the recording's JVM did not have, unknown if none says. JMC's own check
     * ({@code RulesToolkit.getEventAvailability}, {@code ENABLED}) wants exactly one such note per
     * type, and JFR writes one per chunk: on a recording of several chunks (loom's have dozens) it says
     * {@code NONE} for an enabled type without events, and a rule that requires it is ignored.
     */
    public static EventEnabled enabled(IItemCollection items, String eventType) {
        IItemCollection settings = items.apply(RulesToolkit.getSettingsFilter("enabled", eventType));
        if (!settings.hasItems()) {
            // a type the recording's JVM did not have (JDK 17's, of virtual threads), as the JDK's parser tells it
            return RulesToolkit.getEventAvailability(items, eventType) == EventAvailability.UNKNOWN
                            && !items.apply(types(Set.of(eventType))).hasItems()
                    ? EventEnabled.ABSENT
                    : EventEnabled.UNKNOWN;
        }
        boolean on = settings.apply(ItemFilters.equals(JdkAttributes.REC_SETTING_VALUE, "true"))
                .hasItems();
        boolean off = settings.apply(ItemFilters.equals(JdkAttributes.REC_SETTING_VALUE, "false"))
                .hasItems();
        return on ? (off ? EventEnabled.PART : EventEnabled.ON) : EventEnabled.OFF;
    }

    /**
     * The JVMs whose recordings the items hold, as their {@code jdk.JVMInformation} events name them (process id
     * and start time, which every chunk of one JVM repeats whatever its clocks did meanwhile): one for a recording
     * of one JVM, none where that event was off. JMC reads a file that joins several JVMs' recordings (a {@code
     * cat}, {@code jfr assemble} of several runs' files) whole, each chunk with its own constants, and hands a rule
     * all their events as one: their thread ids, which each JVM counts from the same small numbers, name other
     * threads in each.
     */
    public static Set<String> jvms(IItemCollection items) {
        Set<String> jvms = new HashSet<>();
        for (IItemIterable iterable : items.apply(ItemFilters.type(JdkTypeIDs.VM_INFO))) {
            IMemberAccessor<?, IItem> pid = JdkAttributes.JVM_PID.getAccessor(iterable.getType());
            IMemberAccessor<?, IItem> started = JdkAttributes.JVM_START_TIME.getAccessor(iterable.getType());
            iterable.forEach(item -> jvms.add((pid == null ? null : pid.getMember(item)) + "@"
                    + (started == null ? null : started.getMember(item))));
        }
        return jvms;
    }

    /** The values the recording's settings ({@code jdk.ActiveSetting}) gave one setting of the event type. */
    static Set<String> settingValues(IItemCollection items, String setting, String eventType) {
        Set<String> values = new HashSet<>();
        for (IItemIterable iterable : items.apply(RulesToolkit.getSettingsFilter(setting, eventType))) {
            IMemberAccessor<String, IItem> value = JdkAttributes.REC_SETTING_VALUE.getAccessor(iterable.getType());
            if (value != null) {
                iterable.forEach(item -> values.add(value.getMember(item)));
            }
        }
        return values;
    }

    /** Events of these types, under their own names or JMC's name for a second definition. */
    static IItemFilter types(Set<String> eventTypes) {
        return type -> eventTypes.contains(typeName(type.getIdentifier()))
                ? PredicateToolkit.truePredicate()
                : PredicateToolkit.falsePredicate();
    }

    /** A type's name without the UUID JMC appends to a second definition of it. */
    static String typeName(String identifier) {
        return SECOND_DEFINITION.matcher(identifier).replaceFirst("");
    }

    private static long nanos(IQuantity time, long otherwise) {
        return time == null ? otherwise : time.clampedLongValueIn(UnitLookup.EPOCH_NS);
    }

    /** What one event type's events become, with the accessors its fields need (null for a field it lacks). */
    private static final class TypeReader {
        private final String type;
        private final IMemberAccessor<IQuantity, IItem> start;
        private final IMemberAccessor<IQuantity, IItem> duration;
        private final IMemberAccessor<?, IItem> thread;
        private final IMemberAccessor<?, IItem> carrier;
        private final IMemberAccessor<IMCStackTrace, IItem> stack;
        private final IMemberAccessor<?, IItem> reason;
        private final IMemberAccessor<?, IItem> operation;
        private final IMemberAccessor<?, IItem> message;
        private final IMemberAccessor<?, IItem> taskId;
        private final IMemberAccessor<?, IItem> javaThreadId;
        private final IMemberAccessor<?, IItem> jvmUser;
        private final IMemberAccessor<?, IItem> jvmSystem;
        private final IMemberAccessor<?, IItem> machineTotal;
        private final IMemberAccessor<?, IItem> sleepTime;

        private TypeReader(IType<IItem> type) {
            this.type = typeName(type.getIdentifier());
            start = JfrAttributes.START_TIME.getAccessor(type);
            duration = JfrAttributes.DURATION.getAccessor(type);
            IMemberAccessor<?, IItem> sampled = field(type, "sampledThread");
            thread = sampled != null ? sampled : JfrAttributes.EVENT_THREAD.getAccessor(type);
            carrier = field(type, "carrierThread");
            stack = JfrAttributes.EVENT_STACKTRACE.getAccessor(type);
            reason = field(type, "pinnedReason");
            operation = field(type, "blockingOperation");
            message = field(type, "exceptionMessage");
            taskId = field(type, "taskId");
            javaThreadId = field(type, "javaThreadId");
            jvmUser = field(type, "jvmUser");
            jvmSystem = field(type, "jvmSystem");
            machineTotal = field(type, "machineTotal");
            sleepTime = typeName(type.getIdentifier()).equals("jdk.ThreadSleep") ? field(type, "time") : null;
        }

        /**
         * The accessor of a field by its name, whatever content type JMC gave it; null if the type has no such field.
         */
        private static IMemberAccessor<?, IItem> field(IType<IItem> type, String name) {
            for (Map.Entry<IAccessorKey<?>, ?> key : type.getAccessorKeys().entrySet()) {
                if (key.getKey().getIdentifier().equals(name)) {
                    return type.getAccessor(key.getKey());
                }
            }
            return null;
        }

        Observation observe(IItem item) {
            long time = nanos(start == null ? null : start.getMember(item), 0);
            return switch (type) {
                case "jdk.VirtualThreadStart" -> new Observation.VirtualStart(time, virtual(item));
                case "jdk.VirtualThreadEnd" -> new Observation.VirtualEnd(time, virtual(item));
                case "jdk.ThreadStart" -> new Observation.ThreadStart(time, thread(item));
                case "jdk.ThreadEnd" -> new Observation.ThreadEnd(time, thread(item));
                case "jdk.VirtualThreadPinned" ->
                    new Observation.Pinned(
                            time,
                            duration(item),
                            thread(item),
                            thread(carrier, item).carrierLabel(),
                            text(reason, item),
                            text(operation, item),
                            frames(stack(item)),
                            truncated(stack(item)));
                case "jdk.VirtualThreadSubmitFailed" ->
                    new Observation.SubmitFailed(time, thread(item), text(message, item));
                case "jdk.ExecutionSample" ->
                    new Observation.Sample(
                            time,
                            thread(item),
                            PinTaxonomy.applicationFrame(frames(stack(item)), truncated(stack(item))));
                case Observation.CpuLoad.EVENT_TYPE -> cpuLoad(time, item);
                case "loompatterns.TaskSubmitted" -> new Observation.TaskSubmitted(time, number(taskId, item));
                case "loompatterns.TaskStarted" ->
                    new Observation.TaskStarted(time, number(taskId, item), thread(item));
                default -> blocked(time, item, Observation.Blocked.Kind.ofEventType(type));
            };
        }

        /** The loads of a {@code jdk.CPULoad}, as the JDK's parser reads them; null for one without its fields. */
        private Observation cpuLoad(long time, IItem item) {
            double user = fraction(jvmUser, item);
            double system = fraction(jvmSystem, item);
            double machine = fraction(machineTotal, item);
            return Double.isNaN(user + system + machine) ? null : new Observation.CpuLoad(time, user + system, machine);
        }

        /** A percentage field as a fraction (JMC gives it in percent units), NaN if the type has no such field. */
        private static double fraction(IMemberAccessor<?, IItem> accessor, IItem item) {
            Object value = accessor == null ? null : accessor.getMember(item);
            if (value instanceof IQuantity quantity) {
                return quantity.doubleValueIn(UnitLookup.PERCENT_UNITY);
            }
            return value instanceof Number n ? n.doubleValue() : Double.NaN;
        }

        /** Whether the recording cut this stack at its depth. */
        private static boolean truncated(IMCStackTrace stack) {
            return stack != null && stack.getTruncationState() == IMCStackTrace.TruncationState.TRUNCATED;
        }

        /**
         * A wait of this kind, or null for an event of no kind (no rule reads it); a sleep with the time it asked for
         * ({@code time}), where the event has it.
         */
        private Observation blocked(long time, IItem item, Observation.Blocked.Kind kind) {
            if (kind == null) {
                return null;
            }
            Observation.Blocked blocked = Observation.Blocked.of(
                    time, duration(item), thread(item), kind, () -> frames(stack(item)), () -> truncated(stack(item)));
            Object asked = sleepTime == null ? null : sleepTime.getMember(item);
            return kind == Observation.Blocked.Kind.SLEEP && asked instanceof IQuantity quantity
                    ? blocked.asked(quantity.clampedLongValueIn(UnitLookup.NANOSECOND))
                    : blocked;
        }

        private long duration(IItem item) {
            IQuantity value = duration == null ? null : duration.getMember(item);
            return value == null ? 0 : value.clampedLongValueIn(UnitLookup.NANOSECOND);
        }

        private IMCStackTrace stack(IItem item) {
            return stack == null ? null : stack.getMember(item);
        }

        private Observation.ThreadRef thread(IItem item) {
            return thread(thread, item);
        }

        /** The virtual thread a start or end is about: {@link Observation.ThreadRef#virtual}. */
        private Observation.ThreadRef virtual(IItem item) {
            return Observation.ThreadRef.virtual(thread(item), number(javaThreadId, item));
        }

        private static Observation.ThreadRef thread(IMemberAccessor<?, IItem> accessor, IItem item) {
            Object value = accessor == null ? null : accessor.getMember(item);
            if (!(value instanceof IMCThread t)) {
                return Observation.ThreadRef.UNKNOWN;
            }
            String name = t.getThreadName();
            return new Observation.ThreadRef(
                    t.getThreadId() == null ? -1 : t.getThreadId(), name == null ? "" : name, isVirtual(t));
        }

        private static String text(IMemberAccessor<?, IItem> accessor, IItem item) {
            Object value = accessor == null ? null : accessor.getMember(item);
            return value == null ? null : value.toString();
        }

        private static long number(IMemberAccessor<?, IItem> accessor, IItem item) {
            Object value = accessor == null ? null : accessor.getMember(item);
            if (value instanceof IQuantity quantity) {
                return quantity.longValue();
            }
            return value instanceof Number n ? n.longValue() : -1;
        }
    }

    /**
     * A virtual thread: JFR puts every one in the thread group {@value #VIRTUAL_THREAD_GROUP}, written with no
     * parent. A program's own group of that name has one (at least the JDK's root group), and its platform
     * threads counted as virtual here, where the JDK's parser, which reads the thread's own field, did not.
     */
    static boolean isVirtual(IMCThread thread) {
        IMCThreadGroup group = thread.getThreadGroup();
        return group != null && VIRTUAL_THREAD_GROUP.equals(group.getName()) && group.getParent() == null;
    }

    /** Every frame, innermost first, hidden ones included. */
    static List<PinTaxonomy.Frame> frames(IMCStackTrace stack) {
        if (stack == null) {
            return List.of();
        }
        List<PinTaxonomy.Frame> frames = new ArrayList<>();
        for (IMCFrame frame : stack.getFrames()) {
            frames.add(frame(frame));
        }
        return frames;
    }

    private static PinTaxonomy.Frame frame(IMCFrame frame) {
        IMCMethod method = frame.getMethod();
        Integer line = frame.getFrameLineNumber();
        Integer modifiers = method.getModifier();
        return new PinTaxonomy.Frame(
                method.getType().getFullName(),
                method.getMethodName(),
                line == null ? -1 : line,
                Boolean.TRUE.equals(method.isHidden()),
                modifiers != null && Modifier.isNative(modifiers));
    }
}
