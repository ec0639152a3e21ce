package dev.loompatterns.jfr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a recording holds, in the few figures a user wants right after a run: pattern runs,
 * virtual threads started, pins by cause with the top frame, submit failures, and the data JFR
 * lost, if any.
 *
 * @param patternRuns          {@code loompatterns.PatternRun} events
 * @param virtualThreadsStarted {@code jdk.VirtualThreadStart} events, or -1 if the recording's
 *                             settings ({@code jdk.ActiveSetting}) say the event was never on: a
 *                             profile that leaves it off records none, however many ran
 * @param submitFailures       {@code jdk.VirtualThreadSubmitFailed} events
 * @param pinsByCause          pin count per "cause at top frame" ({@link Pin#causeLabel()}, {@link Pin#topFrame()})
 * @param bytesLost            the {@code amount} of the {@value #DATA_LOSS} events summed: the bytes of events
 *                             JFR dropped because its buffers were full (0 where the profile leaves the event off)
 * @param partOnly             of {@code jdk.VirtualThreadStart} and {@code jdk.VirtualThreadPinned}, those the
 *                             settings say were on for part of the recording only ({@link EventEnabled#PART}): another
 *                             recording turned them on for a while (loom's own pin counting does, as each pattern
 *                             runs, where the profile leaves pins off), so their counts are of that while only
 */
public record RecordingSummary(
        long patternRuns,
        long virtualThreadsStarted,
        long submitFailures,
        Map<String, Long> pinsByCause,
        long bytesLost,
        Set<String> partOnly) {

    public RecordingSummary {
        partOnly = Set.copyOf(partOnly);
    }

    /** The event JFR writes when it drops data, with the bytes dropped in its {@code amount}. */
    public static final String DATA_LOSS = "jdk.DataLoss";

    public static RecordingSummary read(Path file) throws IOException {
        long runs = 0;
        long started = 0;
        long failures = 0;
        long lost = 0;
        Map<String, Long> pins = new TreeMap<>();
        EventSettings settings;
        try (RecordingFile recording = new RecordingFile(file)) {
            settings = new EventSettings(
                    recording.readEventTypes(),
                    Set.of(ActivityCounter.VIRTUAL_THREAD_START, ActivityCounter.VIRTUAL_THREAD_PINNED));
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                switch (event.getEventType().getName()) {
                    case PatternRunEvent.NAME -> runs++;
                    case EventSettings.ACTIVE_SETTING -> settings.accept(event);
                    case ActivityCounter.VIRTUAL_THREAD_START -> started++;
                    case "jdk.VirtualThreadSubmitFailed" -> failures++;
                    case ActivityCounter.VIRTUAL_THREAD_PINNED -> pins.merge(pinKey(event), 1L, Long::sum);
                    case DATA_LOSS -> lost += Pin.hasField(event, "amount", Pin.LONG) ? event.getLong("amount") : 0;
                    default -> {
                        // other events are for JMC and `jfr print`
                    }
                }
            }
        }
        boolean off = settings.enabled(ActivityCounter.VIRTUAL_THREAD_START) == EventEnabled.OFF;
        Set<String> partOnly = new TreeSet<>();
        settings.all().forEach((type, enabled) -> {
            if (enabled == EventEnabled.PART) {
                partOnly.add(type);
            }
        });
        return new RecordingSummary(runs, started == 0 && off ? -1 : started, failures, pins, lost, partOnly);
    }

    public long pins() {
        return pinsByCause.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String pinKey(RecordedEvent event) {
        Pin pin = Pin.of(event);
        return pin.causeLabel() + " at " + pin.topFrame();
    }

    /** The lines the CLI prints after a recorded run, with {@code pinsNote} (if not null) after the pins. */
    public List<String> lines(String pinsNote) {
        List<String> lines = new ArrayList<>();
        lines.add("  pattern runs:             " + patternRuns);
        lines.add("  virtual threads started:  "
                + (virtualThreadsStarted < 0
                        ? "not recorded (the profile leaves " + ActivityCounter.VIRTUAL_THREAD_START + " off)"
                        : virtualThreadsStarted + whileOn(ActivityCounter.VIRTUAL_THREAD_START)));
        lines.add("  pins:                     " + pins() + (pins() == 0 ? "" : ", by cause and top frame:"));
        pinsByCause.forEach((key, count) -> lines.add("    " + count + " x " + key));
        if (partOnly.contains(ActivityCounter.VIRTUAL_THREAD_PINNED)) {
            lines.add("    (the pins while " + ActivityCounter.VIRTUAL_THREAD_PINNED
                    + " was on: part of the recording only)");
        }
        if (pinsNote != null) {
            lines.add("    " + pinsNote);
        }
        lines.add("  submit failures:          " + submitFailures);
        if (bytesLost > 0) {
            lines.add("  data lost:                " + bytesLost + " bytes (" + DATA_LOSS
                    + ": JFR's buffers were full; the counts above may be short)");
        }
        return lines;
    }

    /** After a count, where its event was on for part of the recording only: that the count is of that part. */
    private String whileOn(String type) {
        return partOnly.contains(type) ? " (while " + type + " was on: part of the recording only)" : "";
    }
}
