package dev.loompatterns.jfr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a recording holds, in the few figures a user wants right after a run: pattern runs,
 * virtual threads started, pins by cause with the top frame, and submit failures.
 *
 * @param patternRuns          {@code loompatterns.PatternRun} events
 * @param virtualThreadsStarted {@code jdk.VirtualThreadStart} events, or -1 if the recording's settings
 *                             left that event off (a profile such as {@code pinning}), so none could be
 *                             counted
 * @param submitFailures       {@code jdk.VirtualThreadSubmitFailed} events
 * @param pinsByCause          pin count per "cause at top frame" ({@link Pin#causeLabel()}, {@link Pin#topFrame()})
 */
public record RecordingSummary(
        long patternRuns, long virtualThreadsStarted, long submitFailures, Map<String, Long> pinsByCause) {

    public static RecordingSummary read(Path file) throws IOException {
        long runs = 0;
        long started = 0;
        long failures = 0;
        Map<String, Long> pins = new TreeMap<>();
        // jdk.ActiveSetting names an event type by id: whether jdk.VirtualThreadStart was ever enabled
        boolean startSettingSeen = false;
        boolean startEnabled = false;
        try (RecordingFile recording = new RecordingFile(file)) {
            long startTypeId = recording.readEventTypes().stream()
                    .filter(type -> type.getName().equals(ActivityCounter.VIRTUAL_THREAD_START))
                    .mapToLong(EventType::getId)
                    .findFirst()
                    .orElse(-1);
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                switch (event.getEventType().getName()) {
                    case PatternRunEvent.NAME -> runs++;
                    case ActivityCounter.VIRTUAL_THREAD_START -> started++;
                    case ACTIVE_SETTING -> {
                        if (event.getLong("id") == startTypeId && "enabled".equals(event.getString("name"))) {
                            startSettingSeen = true;
                            startEnabled |= "true".equals(event.getString("value"));
                        }
                    }
                    case "jdk.VirtualThreadSubmitFailed" -> failures++;
                    case ActivityCounter.VIRTUAL_THREAD_PINNED -> pins.merge(pinKey(event), 1L, Long::sum);
                    default -> {
                        // other events are for JMC and `jfr print`
                    }
                }
            }
        }
        boolean counted = started > 0 || startEnabled || !startSettingSeen;
        return new RecordingSummary(runs, counted ? started : -1, failures, pins);
    }

    private static final String ACTIVE_SETTING = "jdk.ActiveSetting";

    /** The virtual threads started, in words: the count, or that the recording could not count them. */
    public static String virtualThreadsInWords(long started) {
        return started < 0 ? "not recorded (the settings leave jdk.VirtualThreadStart off)" : Long.toString(started);
    }

    public long pins() {
        return pinsByCause.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String pinKey(RecordedEvent event) {
        Pin pin = Pin.of(event);
        return pin.causeLabel() + " at " + pin.topFrame();
    }

    /** The lines the CLI prints after a recorded run. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("  pattern runs:             " + patternRuns);
        lines.add("  virtual threads started:  " + virtualThreadsInWords(virtualThreadsStarted));
        lines.add("  pins:                     " + pins() + (pins() == 0 ? "" : ", by cause and top frame:"));
        pinsByCause.forEach((key, count) -> lines.add("    " + count + " x " + key));
        lines.add("  submit failures:          " + submitFailures);
        return lines;
    }
}
