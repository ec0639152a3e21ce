package dev.loompatterns.pinning;

import dev.loompatterns.core.Mode;
import dev.loompatterns.jfr.Pin;
import dev.loompatterns.jfr.PinRecorder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Runs the tasks of one run under a {@link PinRecorder}, and says what it saw in one line. */
final class ObservedPins {

    private ObservedPins() {
    }

    /**
     * Runs {@code tasks} calls in the mode and returns the pins of the run's own threads.
     *
     * @param warmUp make one call first on the calling thread, outside the recording, so that the
     *               first use of a JDK class does not pin a task while another initializes it (that
     *               is the class-init variant's lesson, not the others')
     */
    static List<Pin> observe(Mode mode, int tasks, Blocking call, boolean warmUp) throws Exception {
        if (warmUp) {
            call.block();
        }
        try (PinRecorder recorder = PinRecorder.start()) {
            PinningWorkers.of(mode).runAll(tasks, call);
            return recorder.stop();
        }
    }

    /** {@code 0 pins}, or the count, each distinct reason, operation and top frame, and the carriers held. */
    static String describe(List<Pin> pins) {
        if (pins.isEmpty()) {
            return "0 pins";
        }
        Map<String, Long> byPlace = pins.stream().collect(Collectors.groupingBy(
                pin -> "'" + pin.reason() + "' " + pin.blockingOperation() + " at " + pin.topFrame(), LinkedHashMap::new, Collectors.counting()));
        String places = byPlace.entrySet().stream().map(e -> e.getValue() + " x " + e.getKey()).collect(Collectors.joining("; "));
        String carriers = pins.stream().map(Pin::carrier).distinct().sorted().collect(Collectors.joining(", "));
        return pins.size() + " pins: " + places + "; carriers held: " + carriers;
    }

    /** One line per pin for a child JVM's stdout: reason, operation, top frame, carrier. */
    static String toLine(Pin pin) {
        return String.join("\t", pin.reason(), pin.blockingOperation(), pin.topFrame(), pin.carrier());
    }

    /** The pin a child printed with {@link #toLine}; only what the line carries is known. */
    static Pin fromLine(String line) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 4) {
            throw new IllegalArgumentException("not a pin line: " + line);
        }
        return new Pin(fields[0], fields[1], "(child JVM)", -1, fields[3], Duration.ZERO, List.of(fields[2]));
    }
}
